package io.orderengine.infrastructure.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;

class OrderDocumentsTest {

    private static final OrderLine MUGS = OrderLine.of(
            new SkuCode("MUG-BLUE"),
            "Blue mug",
            eur(1250),
            2,
            Map.of("size", "L", "color", "blue"),
            "https://img.example/mug.png");
    private static final OrderTotals TOTALS = new OrderTotals(eur(2500), eur(100), eur(500), eur(522), eur(3422), 1800);
    private static final Address TEL_AVIV =
            new Address("Noa Cohen", "+972501112233", "5 Rothschild Blvd", null, "Tel Aviv", null, "6688101", "IL");

    /** Through real BSON, as a driver writes and reads it: small numbers come back as int32. */
    private static Document stored(Document document) {
        return new RawBsonDocument(document, new DocumentCodec()).decode(new DocumentCodec());
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    @Test
    void aLineSurvivesTheRoundTripInTheCurrencyOfItsOrder() {
        assertThat(OrderDocuments.decodeLine(stored(OrderDocuments.encode(MUGS)), "EUR"))
                .isEqualTo(MUGS);
        assertThat(OrderDocuments.decodeLines(List.of(stored(OrderDocuments.encode(MUGS))), "EUR"))
                .containsExactly(MUGS);
    }

    @Test
    void totalsSurviveTheRoundTrip() {
        assertThat(OrderDocuments.decodeTotals(stored(OrderDocuments.encode(TOTALS))))
                .isEqualTo(TOTALS);
        assertThat(OrderDocuments.decodeTotal(stored(OrderDocuments.encode(TOTALS))))
                .isEqualTo(eur(3422));
    }

    @Test
    void anAddressSurvivesTheRoundTripAndNoAddressStaysNone() {
        assertThat(OrderDocuments.decodeAddress(stored(OrderDocuments.encode(TEL_AVIV))))
                .isEqualTo(TEL_AVIV);
        assertThat(OrderDocuments.encode((Address) null)).isNull();
        assertThat(OrderDocuments.decodeAddress(null)).isNull();
    }

    @Test
    void moneySurvivesTheRoundTrip() {
        Money refund = Money.of(-1999, "SAR");
        assertThat(OrderDocuments.decodeMoney(stored(OrderDocuments.encode(refund))))
                .isEqualTo(refund);
        assertThat(OrderDocuments.encode((Money) null)).isNull();
    }

    @Test
    void writesTheFieldsInTheLayoutStoredReadModelsHave() {
        assertThat(OrderDocuments.encode(MUGS).toJson())
                .isEqualTo("{\"sku\": \"MUG-BLUE\", \"name\": \"Blue mug\", "
                        + "\"unitPriceMinor\": 1250, \"quantity\": 2, \"attributes\": {\"color\": \"blue\", \"size\": \"L\"}, "
                        + "\"imageUrl\": \"https://img.example/mug.png\", \"lineTotalMinor\": 2500}");
        assertThat(OrderDocuments.encode(TOTALS).toJson())
                .isEqualTo("{\"subtotalMinor\": 2500, "
                        + "\"discountMinor\": 100, \"shippingMinor\": 500, \"taxMinor\": 522, \"totalMinor\": 3422, "
                        + "\"currency\": \"EUR\", \"taxRateBasisPoints\": 1800}");
        assertThat(OrderDocuments.encode(TEL_AVIV).toJson())
                .isEqualTo(
                        "{\"fullName\": \"Noa Cohen\", "
                                + "\"phone\": \"+972501112233\", \"line1\": \"5 Rothschild Blvd\", \"line2\": null, "
                                + "\"city\": \"Tel Aviv\", \"region\": null, \"postalCode\": \"6688101\", \"country\": \"IL\"}");
    }

    @Test
    void readsAnOrderDocumentAsTheReadModelsStoreItToday() {
        Document order = Document.parse("""
                {"_id": "7d1e2f30-0000-4000-8000-000000000042", "orderNumber": "ORD-20250301-000007",
                 "lines": [{"sku": "MUG-BLUE", "name": "Blue mug", "unitPriceMinor": {"$numberLong": "1250"},
                            "quantity": 2, "attributes": {"color": "blue"}, "imageUrl": null,
                            "lineTotalMinor": {"$numberLong": "2500"}}],
                 "totals": {"subtotalMinor": {"$numberLong": "2500"}, "discountMinor": {"$numberLong": "0"},
                            "shippingMinor": {"$numberLong": "500"}, "taxMinor": {"$numberLong": "540"},
                            "totalMinor": {"$numberLong": "3540"}, "currency": "EUR",
                            "taxRateBasisPoints": {"$numberLong": "1800"}},
                 "shippingAddress": {"fullName": "Noa Cohen", "phone": "+972501112233", "line1": "5 Rothschild Blvd",
                                     "line2": null, "city": "Tel Aviv", "region": null, "postalCode": "6688101",
                                     "country": "IL"},
                 "billingAddress": null}
                """);

        OrderTotals totals = OrderDocuments.decodeTotals(order.get("totals", Document.class));

        assertThat(totals).isEqualTo(new OrderTotals(eur(2500), eur(0), eur(500), eur(540), eur(3540), 1800));
        assertThat(OrderDocuments.decodeLines(order.getList("lines", Document.class), totals.currency()))
                .containsExactly(
                        OrderLine.of(new SkuCode("MUG-BLUE"), "Blue mug", eur(1250), 2, Map.of("color", "blue"), null));
        assertThat(OrderDocuments.decodeAddress(order.get("shippingAddress", Document.class)))
                .isEqualTo(new Address(
                        "Noa Cohen", "+972501112233", "5 Rothschild Blvd", null, "Tel Aviv", null, "6688101", "IL"));
        assertThat(OrderDocuments.decodeAddress(order.get("billingAddress", Document.class)))
                .isNull();
    }
}
