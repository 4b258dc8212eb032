package io.orderengine.outbound.mail;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;

/**
 * A processing group's own copy of each order's {@link OrderFacts}, written when the group sees the order placed.
 * Event processors run independently, so a group that relied on the order read model could see a confirmation
 * before that model has the order; with its own copy, the placement is always there first (events of one order reach
 * a group in order). Orders placed before the group existed are looked up in the order read model instead.
 */
public final class OrderFactsStore {

    private final MongoCollection<Document> collection;
    private final QueryGateway queries;

    public OrderFactsStore(MongoDatabase database, String collectionName, QueryGateway queries) {
        this.collection = database.getCollection(collectionName);
        this.queries = queries;
    }

    /** Remembers the order as placed; re-delivery overwrites with the same content. */
    public void remember(OrderPlacedEvent event) {
        OrderTotals totals = event.totals();
        Document document = new Document("_id", event.orderId().value())
                .append("orderNumber", event.orderNumber().value())
                .append("email", event.customer().email())
                .append("customerId", event.customer().customerId())
                .append("guest", event.customer().isGuest())
                .append("lines", event.lines().stream().map(OrderFactsStore::line).toList())
                .append("totals", new Document("subtotalMinor", totals.subtotal().amountMinor())
                        .append("discountMinor", totals.discount().amountMinor())
                        .append("shippingMinor", totals.shipping().amountMinor())
                        .append("taxMinor", totals.tax().amountMinor())
                        .append("totalMinor", totals.total().amountMinor())
                        .append("currency", totals.currency())
                        .append("taxRateBasisPoints", totals.taxRateBasisPoints()))
                .append("shippingAddress", address(event.shippingAddress()))
                .append("placedAt", event.placedAt() == null ? null : Date.from(event.placedAt()));
        collection.replaceOne(Filters.eq("_id", event.orderId().value()), document,
                new ReplaceOptions().upsert(true));
    }

    /** The order's facts: this group's copy, else the order read model; empty when neither knows the order. */
    public Optional<OrderFacts> find(OrderId orderId) {
        Document document = collection.find(Filters.eq("_id", orderId.value())).first();
        if (document != null) {
            return Optional.of(facts(document));
        }
        OrderView view = queries.query(new FindOrderQuery(orderId), ResponseTypes.instanceOf(OrderView.class)).join();
        return Optional.ofNullable(view).map(OrderFacts::of);
    }

    private static Document line(OrderLine line) {
        return new Document("sku", line.sku().value())
                .append("name", line.name())
                .append("unitPriceMinor", line.unitPrice().amountMinor())
                .append("quantity", line.quantity())
                .append("attributes", new Document(Map.copyOf(line.attributes())))
                .append("imageUrl", line.imageUrl())
                .append("lineTotalMinor", line.lineTotal().amountMinor());
    }

    private static Document address(Address address) {
        if (address == null) {
            return null;
        }
        return new Document("fullName", address.fullName())
                .append("phone", address.phone())
                .append("line1", address.line1())
                .append("line2", address.line2())
                .append("city", address.city())
                .append("region", address.region())
                .append("postalCode", address.postalCode())
                .append("country", address.country());
    }

    private static OrderFacts facts(Document document) {
        List<OrderView.Line> lines = new ArrayList<>();
        for (Document line : document.getList("lines", Document.class)) {
            Map<String, String> attributes = new HashMap<>();
            Document stored = line.get("attributes", Document.class);
            if (stored != null) {
                stored.forEach((key, value) -> attributes.put(key, String.valueOf(value)));
            }
            lines.add(new OrderView.Line(line.getString("sku"), line.getString("name"), number(line, "unitPriceMinor"),
                    (int) number(line, "quantity"), attributes, line.getString("imageUrl"),
                    number(line, "lineTotalMinor")));
        }
        Document totals = document.get("totals", Document.class);
        Document address = document.get("shippingAddress", Document.class);
        Date placedAt = document.getDate("placedAt");
        return new OrderFacts(document.getString("_id"), document.getString("orderNumber"), document.getString("email"),
                document.getString("customerId"), Boolean.TRUE.equals(document.getBoolean("guest")), lines,
                new OrderView.Totals(number(totals, "subtotalMinor"), number(totals, "discountMinor"),
                        number(totals, "shippingMinor"), number(totals, "taxMinor"), number(totals, "totalMinor"),
                        totals.getString("currency"), number(totals, "taxRateBasisPoints")),
                address == null ? null : new OrderView.PostalAddress(address.getString("fullName"),
                        address.getString("phone"), address.getString("line1"), address.getString("line2"),
                        address.getString("city"), address.getString("region"), address.getString("postalCode"),
                        address.getString("country")),
                placedAt == null ? null : placedAt.toInstant());
    }

    private static long number(Document document, String key) {
        Object value = document.get(key);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
