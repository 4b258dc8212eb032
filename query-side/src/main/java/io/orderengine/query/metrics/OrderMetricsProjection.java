package io.orderengine.query.metrics;

import static io.orderengine.query.common.MongoValues.longMap;
import static io.orderengine.query.common.MongoValues.longValue;
import static io.orderengine.query.common.MongoValues.toDate;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderStatusChange;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.query.AdminOverviewQuery;
import io.orderengine.messages.query.DailyMetricsQuery;
import io.orderengine.query.common.GuardedCounters;
import io.orderengine.query.common.MongoValues;
import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import io.orderengine.query.projection.RebuildableProjection;
import jakarta.annotation.PostConstruct;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Dashboard figures. {@code order_metrics_daily} holds one small counter document per UTC day ({@code _id}
 * = {@code 2025-03-14}) changed with {@code $inc} upserts guarded per order and event ({@link GuardedCounters}), so
 * re-delivery and replay never count twice. {@code order_metrics_orders} keeps per order what later events need
 * (status, placement time, currency) and gives the live counts per status. Days are UTC days; an event counts on the
 * day of its timestamp (placement on the day of {@code placedAt}).
 */
@Component
@ProcessingGroup(OrderMetricsProjection.PROCESSING_GROUP)
public class OrderMetricsProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "order-metrics";
    static final String DAILY_COLLECTION = "order_metrics_daily";
    static final String ORDERS_COLLECTION = "order_metrics_orders";

    private static final String ORDERS = "orders";
    private static final String ORDERS_BY_CURRENCY = "ordersByCurrency";
    private static final String PLACED_MINOR = "placedMinor";
    private static final String SUCCEEDED = "succeeded";
    private static final String FAILED = "failed";
    private static final String CAPTURED_MINOR = "capturedMinor";
    private static final String REFUNDED_MINOR = "refundedMinor";
    private static final String RETURNED_UNITS = "returnedUnits";
    private static final String CONFIRMATIONS = "confirmations";
    private static final String CONFIRM_MILLIS = "confirmMillis";

    private static final String STATUS = "status";
    private static final String PLACED_AT = "placedAt";
    private static final String CURRENCY = "currency";

    private static final List<OrderStatus> WAITING = List.of(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);

    private final ProjectionTarget target;
    private final GuardedCounters days;
    private final VersionedDocuments orders;

    @Autowired
    public OrderMetricsProjection(ProjectionCollections collections) {
        this(collections.live(PROCESSING_GROUP));
    }

    OrderMetricsProjection(ProjectionTarget target) {
        this.target = target;
        this.days = new GuardedCounters(() -> target.collection(DAILY_COLLECTION));
        this.orders = new VersionedDocuments(() -> target.collection(ORDERS_COLLECTION));
    }

    /** Declares the indexes of the serving collections (idempotent). */
    @PostConstruct
    public void createIndexes() {
        createIndexes(target);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(DAILY_COLLECTION, ORDERS_COLLECTION);
    }

    /** Days are read by {@code _id}; the per-order facts are counted by status. */
    @Override
    public void createIndexes(ProjectionTarget target) {
        target.collection(ORDERS_COLLECTION).createIndex(Indexes.ascending(STATUS));
    }

    @Override
    public Object handlerFor(ProjectionTarget target) {
        return new OrderMetricsProjection(target);
    }

    @EventHandler
    void on(OrderStatusChange change, @SequenceNumber long sequence, @Timestamp Instant at) {
        String orderId = change.orderId().value();
        if (change instanceof OrderPlacedEvent placed) {
            String currency = placed.totals().currency();
            long totalMinor = placed.totals().total().amountMinor();
            days.apply(
                    day(placed.placedAt()),
                    orderId,
                    sequence,
                    Updates.combine(
                            Updates.inc(ORDERS, 1),
                            Updates.inc(ORDERS_BY_CURRENCY + "." + currency, 1),
                            Updates.inc(PLACED_MINOR + "." + currency, totalMinor)));
            orders.create(
                    orderId,
                    sequence,
                    new Document(STATUS, change.to().name())
                            .append(PLACED_AT, toDate(placed.placedAt()))
                            .append(CURRENCY, currency));
            return;
        }
        if (change instanceof OrderConfirmedEvent confirmed) {
            confirmed(confirmed, sequence, at);
        }
        orders.update(orderId, sequence, order -> order.put(STATUS, change.to().name()));
    }

    private void confirmed(OrderConfirmedEvent event, long sequence, Instant at) {
        Document order = orders.find(event.orderId().value());
        Instant placedAt = order == null ? null : MongoValues.toInstant(order.getDate(PLACED_AT));
        String currency = event.captured().currency();
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.inc(SUCCEEDED, 1),
                Updates.inc(CAPTURED_MINOR + "." + currency, event.captured().amountMinor())));
        if (placedAt != null) {
            changes.add(Updates.inc(CONFIRMATIONS, 1));
            changes.add(Updates.inc(
                    CONFIRM_MILLIS, Math.max(0, Duration.between(placedAt, at).toMillis())));
        }
        days.apply(day(at), event.orderId().value(), sequence, Updates.combine(changes));
    }

    @EventHandler
    void on(PaymentFailedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        days.apply(day(at), event.orderId().value(), sequence, Updates.inc(FAILED, 1));
    }

    @EventHandler
    void on(PaymentRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        days.apply(
                day(at),
                event.orderId().value(),
                sequence,
                Updates.inc(
                        REFUNDED_MINOR + "." + event.amount().currency(),
                        event.amount().amountMinor()));
    }

    /** The balance of an edit, captured: revenue of its day like a first payment (its refunds count as any refund). */
    @EventHandler
    void on(EditBalancePaidEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        days.apply(
                day(at),
                event.orderId().value(),
                sequence,
                Updates.inc(
                        CAPTURED_MINOR + "." + event.amount().currency(),
                        event.amount().amountMinor()));
    }

    @EventHandler
    void on(ReturnReceivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        days.apply(day(at), event.orderId().value(), sequence, Updates.inc(RETURNED_UNITS, event.units()));
    }

    /** Before a replay: the read model is rebuilt from the first event. */
    @ResetHandler
    public void reset() {
        days.collection().deleteMany(new Document());
        orders.collection().deleteMany(new Document());
    }

    @QueryHandler
    public AdminOverview handle(AdminOverviewQuery query) {
        Document today = day(query.today());
        Map<OrderStatus, Long> byStatus = ordersByStatus();
        long pending = WAITING.stream().mapToLong(byStatus::get).sum();
        Map<String, Long> revenue = new TreeMap<>();
        YearMonth month = YearMonth.from(query.today());
        List<String> monthDays = new ArrayList<>();
        for (int dayOfMonth = 1; dayOfMonth <= month.lengthOfMonth(); dayOfMonth++) {
            monthDays.add(month.atDay(dayOfMonth).toString());
        }
        days.collection()
                .find(Filters.in("_id", monthDays))
                .projection(Projections.exclude(GuardedCounters.APPLIED))
                .forEach(day -> revenue(day).forEach((currency, amount) -> revenue.merge(currency, amount, Long::sum)));
        return new AdminOverview(
                query.today(),
                longValue(today, ORDERS),
                pending,
                Collections.unmodifiableMap(revenue),
                Collections.unmodifiableMap(byStatus));
    }

    @QueryHandler
    public DailyMetrics handle(DailyMetricsQuery query) {
        Document day = day(query.date());
        long orderCount = longValue(day, ORDERS);
        long succeeded = longValue(day, SUCCEEDED);
        long failed = longValue(day, FAILED);
        Double successRate = succeeded + failed == 0 ? null : (double) succeeded / (succeeded + failed);
        Map<String, Long> averageOrderValue = new TreeMap<>();
        Map<String, Long> ordersByCurrency = longMap(day, ORDERS_BY_CURRENCY);
        longMap(day, PLACED_MINOR)
                .forEach((currency, total) -> averageOrderValue.put(
                        currency, roundedDivision(total, ordersByCurrency.getOrDefault(currency, 1L))));
        long confirmations = longValue(day, CONFIRMATIONS);
        Long averageTimeToConfirm =
                confirmations == 0 ? null : roundedDivision(longValue(day, CONFIRM_MILLIS), confirmations);
        List<String> alerts = MetricsAlertPolicy.alerts(succeeded, failed, averageTimeToConfirm);
        return new DailyMetrics(
                query.date(),
                orderCount,
                succeeded,
                failed,
                successRate,
                Collections.unmodifiableMap(averageOrderValue),
                averageTimeToConfirm,
                Collections.unmodifiableMap(revenue(day)),
                !alerts.isEmpty(),
                alerts,
                longValue(day, RETURNED_UNITS),
                Collections.unmodifiableMap(new TreeMap<>(longMap(day, REFUNDED_MINOR))));
    }

    private Map<OrderStatus, Long> ordersByStatus() {
        Map<OrderStatus, Long> byStatus = new LinkedHashMap<>();
        for (OrderStatus status : OrderStatus.values()) {
            byStatus.put(status, 0L);
        }
        orders.collection()
                .aggregate(List.of(Aggregates.group("$" + STATUS, Accumulators.sum("count", 1))))
                .forEach(group -> byStatus.put(OrderStatus.valueOf(group.getString("_id")), longValue(group, "count")));
        return byStatus;
    }

    /** The counters of one day; an empty document for a day without events. */
    private Document day(LocalDate date) {
        Document day = days.collection()
                .find(Filters.eq("_id", date.toString()))
                .projection(Projections.exclude(GuardedCounters.APPLIED))
                .first();
        return day == null ? new Document() : day;
    }

    private static Map<String, Long> revenue(Document day) {
        Map<String, Long> revenue = new TreeMap<>(longMap(day, CAPTURED_MINOR));
        longMap(day, REFUNDED_MINOR).forEach((currency, refunded) -> revenue.merge(currency, -refunded, Long::sum));
        return revenue;
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** {@code dividend / divisor} rounded half up (positive operands). */
    private static long roundedDivision(long dividend, long divisor) {
        return (dividend + divisor / 2) / divisor;
    }
}
