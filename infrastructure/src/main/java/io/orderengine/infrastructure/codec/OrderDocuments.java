package io.orderengine.infrastructure.codec;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.privacy.PersonalData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The one BSON layout of an order's lines, totals, addresses and amounts, shared by every read model that stores
 * them (the order detail projection, the outbound order facts). Amounts are minor units; a line's amounts are in the
 * currency of the order's totals, which is stored once, in the totals. The field names are those of documents already
 * stored: changing one makes existing read models unreadable.
 */
public final class OrderDocuments {

    public static final String SKU = "sku";
    public static final String NAME = "name";
    public static final String UNIT_PRICE_MINOR = "unitPriceMinor";
    public static final String QUANTITY = "quantity";
    public static final String ATTRIBUTES = "attributes";
    public static final String IMAGE_URL = "imageUrl";
    public static final String LINE_TOTAL_MINOR = "lineTotalMinor";

    public static final String SUBTOTAL_MINOR = "subtotalMinor";
    public static final String DISCOUNT_MINOR = "discountMinor";
    public static final String SHIPPING_MINOR = "shippingMinor";
    public static final String TAX_MINOR = "taxMinor";
    public static final String TOTAL_MINOR = "totalMinor";
    public static final String CURRENCY = "currency";
    public static final String TAX_RATE_BASIS_POINTS = "taxRateBasisPoints";

    public static final String FULL_NAME = "fullName";
    public static final String PHONE = "phone";
    public static final String LINE1 = "line1";
    public static final String LINE2 = "line2";
    public static final String CITY = "city";
    public static final String REGION = "region";
    public static final String POSTAL_CODE = "postalCode";
    public static final String COUNTRY = "country";

    public static final String AMOUNT_MINOR = "amountMinor";

    private OrderDocuments() {}

    /** A line; its amounts without their currency (that of the order's totals). Attributes sorted by name. */
    public static Document encode(OrderLine line) {
        Document attributes = new Document();
        line.attributes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> attributes.append(entry.getKey(), entry.getValue()));
        return new Document(SKU, line.sku().value())
                .append(NAME, line.name())
                .append(UNIT_PRICE_MINOR, line.unitPrice().amountMinor())
                .append(QUANTITY, line.quantity())
                .append(ATTRIBUTES, attributes)
                .append(IMAGE_URL, line.imageUrl())
                .append(LINE_TOTAL_MINOR, line.lineTotal().amountMinor());
    }

    public static List<Document> encodeLines(List<OrderLine> lines) {
        List<Document> documents = new ArrayList<>(lines.size());
        lines.forEach(line -> documents.add(encode(line)));
        return documents;
    }

    public static Document encode(OrderTotals totals) {
        return new Document(SUBTOTAL_MINOR, totals.subtotal().amountMinor())
                .append(DISCOUNT_MINOR, totals.discount().amountMinor())
                .append(SHIPPING_MINOR, totals.shipping().amountMinor())
                .append(TAX_MINOR, totals.tax().amountMinor())
                .append(TOTAL_MINOR, totals.total().amountMinor())
                .append(CURRENCY, totals.currency())
                .append(TAX_RATE_BASIS_POINTS, totals.taxRateBasisPoints());
    }

    /** The address, or null for none. */
    public static Document encode(Address address) {
        if (address == null) {
            return null;
        }
        return new Document(FULL_NAME, address.fullName())
                .append(PHONE, address.phone())
                .append(LINE1, address.line1())
                .append(LINE2, address.line2())
                .append(CITY, address.city())
                .append(REGION, address.region())
                .append(POSTAL_CODE, address.postalCode())
                .append(COUNTRY, address.country());
    }

    /**
     * The address stored by {@link #encode(Address)} with its personal fields (all but the country) replaced by
     * {@link PersonalData#ERASED}, as read models keep it once its data subject was erased; null stays null, and a
     * field that was empty stays empty.
     */
    public static Document erase(Document address) {
        if (address == null) {
            return null;
        }
        Document erased = new Document(address);
        for (String field : List.of(FULL_NAME, PHONE, LINE1, LINE2, CITY, REGION, POSTAL_CODE)) {
            if (erased.get(field) != null) {
                erased.put(field, PersonalData.ERASED);
            }
        }
        return erased;
    }

    /** An amount that stands on its own (not in a document with a currency already), or null for none. */
    public static Document encode(Money money) {
        if (money == null) {
            return null;
        }
        return new Document(AMOUNT_MINOR, money.amountMinor()).append(CURRENCY, money.currency());
    }

    /** A line stored by {@link #encode(OrderLine)}; {@code currency} is that of the order's totals. */
    public static OrderLine decodeLine(Document line, String currency) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Document stored = line.get(ATTRIBUTES, Document.class);
        if (stored != null) {
            stored.forEach((key, value) -> {
                if (value != null) {
                    attributes.put(key, value.toString());
                }
            });
        }
        return new OrderLine(
                new SkuCode(line.getString(SKU)),
                line.getString(NAME),
                Money.of(longValue(line, UNIT_PRICE_MINOR), currency),
                (int) longValue(line, QUANTITY),
                attributes,
                line.getString(IMAGE_URL),
                Money.of(longValue(line, LINE_TOTAL_MINOR), currency));
    }

    /** The lines stored by {@link #encodeLines}; empty for none. */
    public static List<OrderLine> decodeLines(List<Document> lines, String currency) {
        return lines == null
                ? List.of()
                : lines.stream().map(line -> decodeLine(line, currency)).toList();
    }

    public static OrderTotals decodeTotals(Document totals) {
        String currency = totals.getString(CURRENCY);
        return new OrderTotals(
                Money.of(longValue(totals, SUBTOTAL_MINOR), currency),
                Money.of(longValue(totals, DISCOUNT_MINOR), currency),
                Money.of(longValue(totals, SHIPPING_MINOR), currency),
                Money.of(longValue(totals, TAX_MINOR), currency),
                Money.of(longValue(totals, TOTAL_MINOR), currency),
                longValue(totals, TAX_RATE_BASIS_POINTS));
    }

    /** Only the grand total of totals stored by {@link #encode(OrderTotals)}: what a list row shows. */
    public static Money decodeTotal(Document totals) {
        return Money.of(longValue(totals, TOTAL_MINOR), totals.getString(CURRENCY));
    }

    /** The address stored by {@link #encode(Address)}, or null for none. */
    public static Address decodeAddress(Document address) {
        if (address == null) {
            return null;
        }
        return new Address(
                address.getString(FULL_NAME),
                address.getString(PHONE),
                address.getString(LINE1),
                address.getString(LINE2),
                address.getString(CITY),
                address.getString(REGION),
                address.getString(POSTAL_CODE),
                address.getString(COUNTRY));
    }

    /** The amount stored by {@link #encode(Money)}, or null for none. */
    public static Money decodeMoney(Document money) {
        return money == null ? null : Money.of(longValue(money, AMOUNT_MINOR), money.getString(CURRENCY));
    }

    /** A stored number as a long (BSON keeps small values as int32); 0 when absent. */
    public static long longValue(Document document, String key) {
        Number number = document.get(key, Number.class);
        return number == null ? 0L : number.longValue();
    }
}
