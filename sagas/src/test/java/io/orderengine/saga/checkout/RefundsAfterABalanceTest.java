package io.orderengine.saga.checkout;

import static io.orderengine.saga.support.FakePaymentGateway.CAPTURE_REFERENCE;
import static io.orderengine.saga.support.FakePaymentGateway.PAYMENT_REFERENCE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ROTHSCHILD_BLVD;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Call;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import io.orderengine.testkit.OrderFixtures;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refunds of an order whose edit balance was paid: its money sits in two payments (the first one and the balance
 * payment), and each refund is split across them, the balance payment first, each part under a key of its own.
 */
class RefundsAfterABalanceTest {

    private static final Actor SAGA = Actor.system("checkout-saga");
    private static final Actor ADMIN = Actor.admin("root");
    private static final Money TOTAL = aPlacedOrder().totals().total();
    private static final String BALANCE_PAYMENT = "pay_balance_ed-1";
    private static final Money BALANCE = Money.of(1500, "EUR");

    private CheckoutSagaHarness harness;
    private PaymentLedger ledger;
    private FakePaymentGateway gateway;
    private SagaTestFixture<CheckoutSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        harness = new CheckoutSagaHarness(Duration.ofMinutes(30));
        ledger = harness.ledger;
        gateway = harness.gateway;
        fixture = harness.fixture;
        commands = harness.commands;
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void aCancellationAfterASettledBalanceRefundsBothPaymentsToTheCent() {
        ContinuedGivenState confirmed = givenConfirmed();
        balancePaid();

        confirmed
                .whenPublishingA(new OrderCancelledEvent(
                        ORDER_ID, OrderStatus.CONFIRMED, ADMIN, "customer called", TOTAL.plus(BALANCE), true))
                .expectDispatchedCommands(
                        new RestockCommand(MUG, ORDER_ID, "order cancelled"),
                        new RestockCommand(TSHIRT, ORDER_ID, "order cancelled"),
                        new RecordRefundCommand(
                                ORDER_ID, "cancellation", balanceRefundReference("cancellation"), BALANCE),
                        new RecordRefundCommand(ORDER_ID, "cancellation", "re_cancellation", TOTAL))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .extracting(Call::paymentReference, Call::amount, Call::idempotencyKey)
                .containsExactly(
                        tuple(BALANCE_PAYMENT, BALANCE, balanceKey("cancellation")),
                        tuple(PAYMENT_REFERENCE, TOTAL, ORDER_ID.value() + ":refund:cancellation"));
        assertThat(refundedOf(BALANCE_PAYMENT)).isEqualTo(BALANCE.amountMinor());
        assertThat(refundedOf(PAYMENT_REFERENCE)).isEqualTo(TOTAL.amountMinor());
    }

    @Test
    void aReturnRefundSmallerThanTheBalanceIsTakenFromTheBalancePaymentAlone() {
        firstPaymentCaptured();
        balancePaid();
        Money part = Money.of(1000, "EUR");

        fixture.givenNoPriorActivity()
                .whenPublishingA(refundRequested("return-rt-1", part))
                .expectDispatchedCommands(
                        new RecordRefundCommand(ORDER_ID, "return-rt-1", balanceRefundReference("return-rt-1"), part))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .extracting(Call::paymentReference, Call::amount, Call::idempotencyKey)
                .containsExactly(tuple(BALANCE_PAYMENT, part, balanceKey("return-rt-1")));
    }

    @Test
    void aLaterRefundTakesWhatTheBalancePaymentHasLeftAndTheRestFromTheFirstPayment() {
        firstPaymentCaptured();
        balancePaid();
        Money thousand = Money.of(1000, "EUR");
        fixture.givenAPublished(refundRequested("r-1", thousand));

        fixture.whenPublishingA(refundRequested("r-2", thousand))
                .expectDispatchedCommands(
                        new RecordRefundCommand(ORDER_ID, "r-2", balanceRefundReference("r-2"), Money.of(500, "EUR")),
                        new RecordRefundCommand(ORDER_ID, "r-2", "re_r-2", Money.of(500, "EUR")));

        assertThat(refundedOf(BALANCE_PAYMENT)).isEqualTo(BALANCE.amountMinor());
        assertThat(refundedOf(PAYMENT_REFERENCE)).isEqualTo(500);
    }

    @Test
    void aSplitRefundRetriedAfterItsSecondPartFailedRefundsEachPaymentOnceUnderTheSameKeys() {
        firstPaymentCaptured();
        balancePaid();
        Money amount = Money.of(2000, "EUR");
        gateway.refundsFailingOf(PAYMENT_REFERENCE);
        fixture.givenAPublished(refundRequested("r-3", amount));
        gateway.recovered(Operation.REFUND);

        fixture.whenPublishingA(new CheckoutRetryRequestedEvent(ORDER_ID, ADMIN, null))
                .expectDispatchedCommands(
                        new RecordRefundCommand(ORDER_ID, "r-3", balanceRefundReference("r-3"), BALANCE),
                        new RecordRefundCommand(ORDER_ID, "r-3", "re_r-3", Money.of(500, "EUR")))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .extracting(Call::paymentReference, Call::amount, Call::idempotencyKey)
                .containsExactly(
                        tuple(BALANCE_PAYMENT, BALANCE, balanceKey("r-3")),
                        tuple(PAYMENT_REFERENCE, Money.of(500, "EUR"), ORDER_ID.value() + ":refund:r-3"),
                        tuple(BALANCE_PAYMENT, BALANCE, balanceKey("r-3")),
                        tuple(PAYMENT_REFERENCE, Money.of(500, "EUR"), ORDER_ID.value() + ":refund:r-3"));
        assertThat(refundedOf(BALANCE_PAYMENT)).isEqualTo(BALANCE.amountMinor());
        assertThat(refundedOf(PAYMENT_REFERENCE)).isEqualTo(500);
    }

    private static RefundRequestedEvent refundRequested(String refundId, Money amount) {
        return new RefundRequestedEvent(
                ORDER_ID, refundId, amount, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ADMIN, "returned");
    }

    private void firstPaymentCaptured() {
        ledger.recordCapture(PaymentMethod.SANDBOX, CAPTURE_REFERENCE, ORDER_ID, PAYMENT_REFERENCE, TOTAL);
    }

    /** What the edit-balance saga records when it captures the balance. */
    private void balancePaid() {
        ledger.recordCapture(PaymentMethod.SANDBOX, "cap_balance_ed-1", ORDER_ID, BALANCE_PAYMENT, BALANCE);
    }

    private long refundedOf(String paymentReference) {
        return ledger.entriesOfPayment(PaymentMethod.SANDBOX, paymentReference, ORDER_ID).stream()
                .filter(entry -> entry.type() == LedgerEntry.Type.REFUND)
                .mapToLong(entry -> entry.amount().amountMinor())
                .sum();
    }

    private static String balanceKey(String refundId) {
        return IdempotencyKeys.refund(ORDER_ID, refundId, BALANCE_PAYMENT);
    }

    /** The fake gateway's reference of a refund: made from its key. */
    private static String balanceRefundReference(String refundId) {
        String key = balanceKey(refundId);
        return "re_"
                + key.substring(key.indexOf(":refund:") + ":refund:".length()).replace(':', '-');
    }

    private ContinuedGivenState givenConfirmed() {
        return fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(new StockReservedEvent(TSHIRT, ORDER_ID, 2, 10, Instant.now()))
                .andThenAPublished(new StockReservedEvent(MUG, ORDER_ID, 1, 10, Instant.now()))
                .andThenAPublished(new OrderAwaitingPaymentEvent(
                        ORDER_ID,
                        OrderStatus.PENDING,
                        PaymentMethod.SANDBOX,
                        PAYMENT_REFERENCE,
                        new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REFERENCE, null),
                        SAGA,
                        null))
                .andThenAPublished(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL, "sandbox", "4242"))
                .andThenAPublished(new OrderConfirmedEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        PaymentMethod.SANDBOX,
                        CAPTURE_REFERENCE,
                        TOTAL,
                        SAGA,
                        null));
    }

    private static OrderPlacedEvent aPlacedOrder() {
        return OrderFixtures.aPlacedOrder()
                .id(ORDER_ID)
                .number("ORD-20251122-000001")
                .byCustomer("alice", "alice@example.com")
                .withLines(tshirts(1), mugs(1), tshirts(1))
                .taxRate(0)
                .shippedTo(ROTHSCHILD_BLVD)
                .withNotes(null)
                .paidWith(PaymentMethod.SANDBOX)
                .placedAt(Instant.parse("2025-11-22T10:00:00Z"))
                .build();
    }
}
