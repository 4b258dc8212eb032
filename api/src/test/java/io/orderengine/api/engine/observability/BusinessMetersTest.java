package io.orderengine.api.engine.observability;

import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class BusinessMetersTest {

    private static final Instant T0 = Instant.parse("2026-01-15T09:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private AnnotationEventHandlerAdapter meters(OrderTrails trails) {
        return new AnnotationEventHandlerAdapter(new BusinessMeters(registry, trails));
    }

    /** The order's events as the store hands them out, {@code secondsApart} apart from T0. */
    private static List<DomainEventMessage<?>> stream(List<Object> events, long secondsApart) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Order",
                    ORDER_ID.value(),
                    i,
                    events.get(i),
                    Map.of(),
                    UUID.randomUUID().toString(),
                    T0.plusSeconds(i * secondsApart)));
        }
        return messages;
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aPaidCheckoutCountsPlacedAuthorizedCapturedConfirmedAndTimesEachStep() throws Exception {
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(null));
        for (var message : stream(
                aPlacedOrderHistory().awaitingPayment().authorized().confirmed().events(), 10)) {
            meters.handle(message);
        }

        assertThat(count("orderengine.orders.placed", "method", "sandbox")).isEqualTo(1);
        assertThat(count("orderengine.payments.authorized", "provider", "sandbox"))
                .isEqualTo(1);
        assertThat(count("orderengine.payments.captured", "provider", "sandbox"))
                .isEqualTo(1);
        assertThat(count("orderengine.orders.confirmed", "method", "sandbox")).isEqualTo(1);
        Timer toConfirmed = registry.get("orderengine.checkout.to.confirmed").timer();
        assertThat(toConfirmed.count()).isEqualTo(1);
        assertThat(toConfirmed.totalTime(TimeUnit.SECONDS)).isEqualTo(30);
        for (String step : List.of("stock-and-payment-setup", "customer-payment", "capture")) {
            Timer timer = registry.get("orderengine.checkout.step.duration")
                    .tag("step", step)
                    .timer();
            assertThat(timer.count()).as(step).isEqualTo(1);
            assertThat(timer.totalTime(TimeUnit.SECONDS)).as(step).isEqualTo(10);
        }
    }

    @Test
    void failuresCarryTheProviderAndABoundedReasonClass() throws Exception {
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(null));
        for (var message :
                stream(anOrderIn(OrderStatus.AWAITING_PAYMENT).paymentFailed().events(), 1)) {
            meters.handle(message);
        }

        var failed = registry.get("orderengine.payments.failed").counter();
        assertThat(failed.count()).isEqualTo(1);
        assertThat(failed.getId().getTag("provider")).isEqualTo("sandbox");
        assertThat(FailureReason.CLASSES).contains(failed.getId().getTag("reason"));
        assertThat(FailureReason.classify("Your card was declined.")).isEqualTo("declined");
        assertThat(FailureReason.classify("insufficient funds")).isEqualTo("insufficient_funds");
        assertThat(FailureReason.classify("something odd " + UUID.randomUUID())).isEqualTo("other");
    }

    @Test
    void aCapturedEditBalanceIsAPaymentCapturedAndCapturedMoneyAndItsRefundIsRefundedMoney() throws Exception {
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(null));
        List<Object> events = new ArrayList<>(
                aPlacedOrderHistory().awaitingPayment().authorized().confirmed().events());
        Money total = ((OrderConfirmedEvent) events.get(events.size() - 1)).captured();
        Money balance = Money.of(1500, total.currency());
        events.add(new EditBalancePaidEvent(ORDER_ID, "ed-1", "sbx_balance", "sbx_cap_b", balance, PaymentStatus.PAID));
        Money all = total.plus(balance);
        events.add(new PaymentRefundedEvent(
                ORDER_ID, "cancellation", "ref1", balance, balance, PaymentStatus.PARTIALLY_REFUNDED));
        events.add(new PaymentRefundedEvent(ORDER_ID, "cancellation", "ref2", total, all, PaymentStatus.REFUNDED));
        for (var message : stream(events, 5)) {
            meters.handle(message);
        }

        assertThat(count("orderengine.payments.captured", "provider", "sandbox"))
                .isEqualTo(2);
        assertThat(count("orderengine.payments.captured.minor", "currency", total.currency()))
                .isEqualTo(total.amountMinor() + 1500);
        assertThat(count("orderengine.payments.refunded", "provider", "sandbox"))
                .isEqualTo(2);
        assertThat(count("orderengine.payments.refunded.minor", "currency", total.currency()))
                .isEqualTo(total.amountMinor() + 1500);
    }

    @Test
    void rejectedCancelledAndRefundedOrdersAreCountedWithTheirMethod() throws Exception {
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(null));
        for (var message : stream(aPlacedOrderHistory().rejected().events(), 2)) {
            meters.handle(message);
        }
        OrderTrails other = new OrderTrails(null);
        AnnotationEventHandlerAdapter second = meters(other);
        for (var message : stream(
                anOrderIn(OrderStatus.CONFIRMED)
                        .refundRequested("r1", 100)
                        .refunded("r1", "ref1", 100)
                        .cancelledBy(io.orderengine.testkit.OrderFixtures.ADMIN)
                        .events(),
                3)) {
            second.handle(message);
        }

        assertThat(count("orderengine.orders.rejected", "method", "sandbox")).isEqualTo(1);
        assertThat(registry.get("orderengine.checkout.step.duration")
                        .tag("step", "stock-rejected")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(count("orderengine.payments.refunded", "provider", "sandbox"))
                .isEqualTo(1);
        assertThat(registry.get("orderengine.checkout.step.duration")
                        .tag("step", "refund")
                        .timer()
                        .totalTime(TimeUnit.SECONDS))
                .isEqualTo(3);
        assertThat(count("orderengine.orders.cancelled", "method", "sandbox")).isEqualTo(1);
    }

    @Test
    void aBatchThatRollsBackCountsNothingSoHandlingItAgainCountsOnce() throws Exception {
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(null));
        DomainEventMessage<?> placed = stream(aPlacedOrderHistory().events(), 1).get(0);

        DefaultUnitOfWork<?> failed = DefaultUnitOfWork.startAndGet(placed);
        meters.handle(placed);
        failed.rollback();
        DefaultUnitOfWork<?> retried = DefaultUnitOfWork.startAndGet(placed);
        meters.handle(placed);
        assertThat(count("orderengine.orders.placed", "method", "sandbox")).isZero();
        retried.commit();

        assertThat(count("orderengine.orders.placed", "method", "sandbox")).isEqualTo(1);
    }

    @Test
    void afterARestartAnOrderPlacedBeforeIsReadBackFromTheStoreForItsProviderAndTimes() throws Exception {
        var history = stream(
                io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory()
                        .awaitingPayment()
                        .authorized()
                        .confirmed()
                        .events(),
                5);
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(history.subList(0, 3));
        AnnotationEventHandlerAdapter restarted = meters(new OrderTrails(store));

        restarted.handle(history.get(3)); // only the confirmation is handled after the restart

        assertThat(count("orderengine.orders.placed", "method", "sandbox")).isZero();
        assertThat(count("orderengine.orders.confirmed", "method", "sandbox")).isEqualTo(1);
        assertThat(registry.get("orderengine.checkout.to.confirmed").timer().totalTime(TimeUnit.SECONDS))
                .isEqualTo(Duration.ofSeconds(15).toSeconds());
        assertThat(PaymentMethod.SANDBOX.wireName()).isEqualTo("sandbox");
    }

    @Test
    void aNewOrderIsMeasuredFromItsOwnEventsWithoutReadingTheStore() throws Exception {
        var history = stream(
                io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory()
                        .awaitingPayment()
                        .events(),
                5);
        AtomicInteger reads = new AtomicInteger();
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine() {
                    @Override
                    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
                        reads.incrementAndGet();
                        return super.readEvents(aggregateIdentifier, firstSequenceNumber);
                    }
                })
                .build();
        store.publish(history);
        AnnotationEventHandlerAdapter meters = meters(new OrderTrails(store));

        meters.handle(history.get(0));
        meters.handle(history.get(1));

        assertThat(reads).hasValue(0);
        assertThat(count("orderengine.orders.placed", "method", "sandbox")).isEqualTo(1);

        // an order this process has not seen from its start is read back (up to the event handled)
        AnnotationEventHandlerAdapter restarted = meters(new OrderTrails(store));
        restarted.handle(history.get(1));
        assertThat(reads).hasValue(1);
    }
}
