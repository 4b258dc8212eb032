package io.orderengine.query.customer;

import static io.orderengine.query.common.MongoValues.toDate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.query.FindCustomerStatsQuery;
import io.orderengine.query.common.GuardedCounters;
import io.orderengine.query.common.MongoValues;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import io.orderengine.query.projection.RebuildableProjection;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Customer statistics ({@code customer_stats}, one small document per signed-in customer, {@code _id} = customer
 * id): order count, money spent per currency (captured minus refunded), last order time. Counters change with
 * {@code $inc} guarded per order and event ({@link GuardedCounters}), so re-delivery and replay never count twice.
 * {@code customer_stats_orders} maps each order to its customer for the payment events, which do not name them.
 * Guest orders are not counted: a guest has no identity beyond the order.
 */
@Component
@ProcessingGroup(CustomerStatsProjection.PROCESSING_GROUP)
public class CustomerStatsProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "customer-stats";
    static final String COLLECTION = "customer_stats";
    static final String ORDERS_COLLECTION = "customer_stats_orders";

    private static final String ORDER_COUNT = "orderCount";
    private static final String SPENT_MINOR = "spentMinor";
    private static final String LAST_ORDER_AT = "lastOrderAt";
    private static final String CUSTOMER_ID = "customerId";

    private final ProjectionTarget target;
    private final GuardedCounters stats;

    @Autowired
    public CustomerStatsProjection(ProjectionCollections collections) {
        this(collections.live(PROCESSING_GROUP));
    }

    CustomerStatsProjection(ProjectionTarget target) {
        this.target = target;
        this.stats = new GuardedCounters(() -> target.collection(COLLECTION));
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION, ORDERS_COLLECTION);
    }

    /** Every read and write is by {@code _id}: no index beyond it. */
    @Override
    public void createIndexes(ProjectionTarget target) {
        // nothing to declare
    }

    @Override
    public Object handlerFor(ProjectionTarget target) {
        return new CustomerStatsProjection(target);
    }

    private MongoCollection<Document> orderOwners() {
        return target.collection(ORDERS_COLLECTION);
    }

    @EventHandler
    void on(OrderPlacedEvent event, @SequenceNumber long sequence) {
        String customerId = event.customer().customerId();
        if (customerId == null) {
            return;
        }
        String orderId = event.orderId().value();
        orderOwners()
                .replaceOne(
                        Filters.eq("_id", orderId),
                        new Document("_id", orderId).append(CUSTOMER_ID, customerId),
                        new ReplaceOptions().upsert(true));
        stats.apply(
                customerId,
                orderId,
                sequence,
                Updates.combine(Updates.inc(ORDER_COUNT, 1), Updates.max(LAST_ORDER_AT, toDate(event.placedAt()))));
    }

    @EventHandler
    void on(OrderConfirmedEvent event, @SequenceNumber long sequence) {
        String customerId = owner(event.orderId().value());
        if (customerId != null) {
            stats.apply(
                    customerId,
                    event.orderId().value(),
                    sequence,
                    Updates.inc(
                            SPENT_MINOR + "." + event.captured().currency(),
                            event.captured().amountMinor()));
        }
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long sequence) {
        String customerId = owner(event.orderId().value());
        if (customerId != null) {
            stats.apply(
                    customerId,
                    event.orderId().value(),
                    sequence,
                    Updates.inc(
                            SPENT_MINOR + "." + event.amount().currency(),
                            -event.amount().amountMinor()));
        }
    }

    /** Before a replay: the read model is rebuilt from the first event. */
    @ResetHandler
    public void reset() {
        stats.collection().deleteMany(new Document());
        orderOwners().deleteMany(new Document());
    }

    /** The customer's statistics; all zero for a customer without orders. */
    @QueryHandler
    public CustomerStatsView handle(FindCustomerStatsQuery query) {
        Document document = stats.collection()
                .find(Filters.eq("_id", query.customerId()))
                .projection(Projections.exclude(GuardedCounters.APPLIED))
                .first();
        if (document == null) {
            return new CustomerStatsView(query.customerId(), 0, Map.of(), null);
        }
        return new CustomerStatsView(
                query.customerId(),
                MongoValues.longValue(document, ORDER_COUNT),
                MongoValues.longMap(document, SPENT_MINOR),
                MongoValues.toInstant(document.getDate(LAST_ORDER_AT)));
    }

    private String owner(String orderId) {
        Document owner = orderOwners().find(Filters.eq("_id", orderId)).first();
        return owner == null ? null : owner.getString(CUSTOMER_ID);
    }
}
