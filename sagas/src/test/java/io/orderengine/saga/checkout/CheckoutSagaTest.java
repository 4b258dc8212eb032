package io.orderengine.saga.checkout;

import static io.orderengine.messages.sku.StockRejectionReason.INSUFFICIENT_STOCK;
import static io.orderengine.saga.support.FakePaymentGateway.CAPTURE_REFERENCE;
import static io.orderengine.saga.support.FakePaymentGateway.PAYMENT_REFERENCE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ROTHSCHILD_BLVD;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderPartiallyShippedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.payment.CheckoutCompensationRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.commands.CommandNotDelivered;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGatewayException.Kind;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import io.orderengine.testkit.OrderFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckoutSagaTest {

    private static final Duration PAYMENT_DEADLINE = Duration.ofMinutes(30);
    private static final Actor SAGA = Actor.system("checkout-saga");
    private static final Money TOTAL = aPlacedOrder().totals().total();
    private static final Actor ADMIN = Actor.admin("root");
    private static final PaymentAction SANDBOX_ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REFERENCE, null);

    private CheckoutSagaHarness harness;
    private PaymentLedger ledger;
    private FakePaymentGateway gateway;
    private SagaTestFixture<CheckoutSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        harness = new CheckoutSagaHarness(PAYMENT_DEADLINE);
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
    void placingAnOrderReservesEachSkuOnceForItsWholeQuantityInSkuCodeOrderUntilThePaymentDeadline() {
        Instant expiresAt = fixture.currentTime().plus(PAYMENT_DEADLINE);

        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID.value())
                .publishes(aPlacedOrder())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ReserveStockCommand(MUG, ORDER_ID, 1, expiresAt),
                        new ReserveStockCommand(TSHIRT, ORDER_ID, 2, expiresAt))
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE);
    }

    @Test
    void aPlacedOrderHandledAgainAfterACrashReservesNothingAgainAndSchedulesNoSecondDeadline() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .whenPublishingA(aPlacedOrder())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aReservationThatCouldNotBeDeliveredFailsTheStepSoThePlacedOrderIsHandledAgainAndReservedThen() {
        Instant expiresAt = fixture.currentTime().plus(PAYMENT_DEADLINE);
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStockCommand reserve && reserve.sku().equals(TSHIRT)) {
                throw new IllegalStateException("store unreachable");
            }
            return null;
        });
        fixture.givenNoPriorActivity();

        assertThatThrownBy(() -> fixture.whenAggregate(ORDER_ID.value()).publishes(aPlacedOrder()))
                .hasRootCauseMessage("store unreachable")
                .hasStackTraceContaining(CommandNotDelivered.class.getSimpleName());
        // (the fixture's stub deadline manager keeps the deadline; the engine's is written on commit, see
        // MongoDeadlineManagerTest)
        fixture.whenTimeElapses(Duration.ZERO).expectActiveSagas(0);

        fixture.setCallbackBehavior((command, metaData) -> null);
        fixture.whenAggregate(ORDER_ID.value())
                .publishes(aPlacedOrder())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new ReserveStockCommand(MUG, ORDER_ID, 1, expiresAt),
                        new ReserveStockCommand(TSHIRT, ORDER_ID, 2, expiresAt))
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE);
    }

    @Test
    void onceEverySkuIsReservedThePaymentIsSetUpAndTheOrderAwaitsIt() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .whenPublishingA(reserved(MUG, 1))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new AwaitPaymentCommand(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, SANDBOX_ACTION));

        assertThat(gateway.calls(Operation.AUTHORIZE)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(TOTAL);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":authorize");
        });
    }

    @Test
    void aRejectedReservationReleasesWhatWasReservedAndRejectsTheOrderNamingTheShortSku() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .whenPublishingA(new StockReservationRejectedEvent(MUG, ORDER_ID, 1, 0, INSUFFICIENT_STOCK))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, "order rejected: other SKUs were short"),
                        new RejectOrderCommand(ORDER_ID, List.of(new ShortSku(MUG, 1, 0))))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);

        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void anAuthorizedPaymentIsCapturedTheOrderConfirmedAndItsStockCommitted() {
        givenAwaitingPayment()
                .whenPublishingA(authorized())
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CAPTURE))
                .singleElement()
                .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":capture"));
        assertThat(ledger.entriesOf(ORDER_ID)).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE);
            assertThat(entry.reference()).isEqualTo(CAPTURE_REFERENCE);
            assertThat(entry.amount()).isEqualTo(TOTAL);
        });
    }

    @Test
    void theCheckoutEndsWhenTheConfirmedOrderShips() {
        givenConfirmed()
                .whenPublishingA(new OrderShippedEvent(ORDER_ID, OrderStatus.PROCESSING, "TRACK-1", null, ADMIN, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aPartialShipmentNeitherEndsNorMovesTheCheckout() {
        givenConfirmed()
                .whenPublishingA(new OrderPartiallyShippedEvent(ORDER_ID, OrderStatus.PROCESSING, ADMIN, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void theCheckoutEndsWhenTheLastUnitsOfAPartlyShippedOrderShip() {
        givenConfirmed()
                .andThenAPublished(new OrderPartiallyShippedEvent(ORDER_ID, OrderStatus.PROCESSING, ADMIN, null))
                .whenPublishingA(
                        new OrderShippedEvent(ORDER_ID, OrderStatus.PARTIALLY_SHIPPED, "TRACK-2", null, ADMIN, null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aRefundStillOwedWhenTheOrderShipsKeepsTheCheckoutUntilARetryMakesIt() {
        Money part = Money.of(1250, "EUR");
        gateway.failing(Operation.REFUND, Kind.UNAVAILABLE);
        givenConfirmed()
                .andThenAPublished(new RefundRequestedEvent(
                        ORDER_ID, "r-4", part, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ADMIN, "scratched"))
                .andThenAPublished(
                        new OrderShippedEvent(ORDER_ID, OrderStatus.PROCESSING, "TRACK-1", null, ADMIN, null));
        gateway.recovered(Operation.REFUND);

        fixture.whenPublishingA(new CheckoutRetryRequestedEvent(ORDER_ID, ADMIN, null))
                .expectDispatchedCommands(new RecordRefundCommand(ORDER_ID, "r-4", "re_r-4", part))
                .expectActiveSagas(0);
    }

    @Test
    void aRepeatedAuthorizationCapturesOnlyOnce() {
        givenAwaitingPayment()
                .andThenAPublished(authorized())
                .whenPublishingA(authorized())
                .expectNoDispatchedCommands();

        assertThat(gateway.calls(Operation.CAPTURE)).hasSize(1);
    }

    @Test
    void anOrderConfirmedFromAWebhookHasItsStockCommittedOnce() {
        givenAwaitingPayment()
                .whenPublishingA(confirmed())
                .expectDispatchedCommands(
                        new CommitStockCommand(MUG, ORDER_ID), new CommitStockCommand(TSHIRT, ORDER_ID))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);
    }

    @Test
    void aDeclinedPaymentKeepsTheStockAndTheOrderWaitingForAnotherAttempt() {
        givenAwaitingPayment()
                .whenPublishingA(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE)
                .expectActiveSagas(1);

        // only the first attempt's set-up: nothing voided, refunded or set up again
        assertThat(gateway.calls())
                .extracting(FakePaymentGateway.Call::operation)
                .containsExactly(Operation.AUTHORIZE);
    }

    @Test
    void aNewAttemptSetsUpANewPaymentWithTheAttemptsOwnIdempotencyKey() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .whenPublishingA(attemptStarted(2))
                .expectDispatchedCommands(new AwaitPaymentCommand(
                        ORDER_ID,
                        PaymentMethod.SANDBOX,
                        PAYMENT_REFERENCE + "_2",
                        new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REFERENCE + "_2", null)))
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.AUTHORIZE))
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(ORDER_ID.value() + ":authorize", ORDER_ID.value() + ":authorize:2");
    }

    @Test
    void anApprovalOnTheSecondAttemptConfirmsTheOrderWithOneCapture() {
        givenSecondAttemptAwaitingPayment()
                .whenPublishingA(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE + "_2", TOTAL, "visa", "4242"))
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CAPTURE)).singleElement().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE + "_2");
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":capture:2");
        });
        assertThat(ledger.entriesOf(ORDER_ID))
                .singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE));
    }

    @Test
    void theFailureOfTheLastAllowedAttemptVoidsThePaymentReleasesTheStockAndCancelsTheOrder() {
        String reason = "payment failed: card declined";
        givenSecondAttemptAwaitingPayment()
                .andThenAPublished(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .andThenAPublished(attemptStarted(3))
                .andThenAPublished(awaitingAttempt(3))
                .whenPublishingA(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL)).singleElement().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE + "_3");
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":cancel:3");
        });
    }

    @Test
    void withOneAttemptAllowedADeclinedPaymentIsCancelledAtTheGatewayItsStockReleasedAndTheOrderCancelled() {
        fixture.registerResource(
                CheckoutPolicy.withPaymentDeadline(PAYMENT_DEADLINE).withMaxPaymentAttempts(1));
        givenAwaitingPayment()
                .whenPublishingA(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, "payment failed: card declined"),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, "payment failed: card declined"),
                        new CancelOrderCommand(ORDER_ID, SAGA, "payment failed: card declined"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL))
                .singleElement()
                .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":cancel"));
    }

    @Test
    void thePaymentDeadlineWhileThePaymentHasFailedReleasesTheStockAndCancelsTheOrder() {
        String reason = "payment not received within 30 minutes";
        givenAwaitingPayment()
                .andThenAPublished(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(CheckoutSaga.PAYMENT_DEADLINE)
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);
    }

    @Test
    void aRepeatedAttemptStartedEventSetsUpOnlyOnePayment() {
        givenSecondAttemptAwaitingPayment()
                .whenPublishingA(attemptStarted(2))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.AUTHORIZE)).hasSize(2);
    }

    @Test
    void thePaymentDeadlineCancelsThePaymentReleasesTheStockAndCancelsTheOrder() {
        String reason = "payment not received within 30 minutes";
        givenAwaitingPayment()
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(CheckoutSaga.PAYMENT_DEADLINE)
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
    }

    @Test
    void thePaymentDeadlineWhileStockIsStillBeingReservedReleasesEverySku() {
        String reason = "payment not received within 30 minutes";
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);

        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void aGatewayOutageWhileSettingUpThePaymentFlagsTheOrderAndKeepsTheStockReserved() {
        gateway.failing(Operation.AUTHORIZE, Kind.UNAVAILABLE);

        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .whenPublishingA(reserved(MUG, 1))
                .expectDispatchedCommands(new FlagOrderForAttentionCommand(
                        ORDER_ID, SAGA, "payment authorize failed: authorize failed at the fake gateway"))
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void anAdminRetryOfTheFailedPaymentSetUpResumesTheOrderAndAwaitsPaymentWithTheSameIdempotencyKey() {
        gateway.failing(Operation.AUTHORIZE, Kind.UNAVAILABLE);
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .andThenAPublished(reserved(MUG, 1))
                .andThenAPublished(flagged(OrderStatus.PENDING));
        gateway.recovered(Operation.AUTHORIZE);

        fixture.whenPublishingA(new CheckoutRetryRequestedEvent(ORDER_ID, ADMIN, "gateway is back"))
                .expectDispatchedCommands(
                        new ResumeOrderCommand(ORDER_ID, SAGA, "payment set-up retried by admin:root"),
                        new AwaitPaymentCommand(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, SANDBOX_ACTION))
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.AUTHORIZE))
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(ORDER_ID.value() + ":authorize", ORDER_ID.value() + ":authorize");
    }

    @Test
    void aCaptureOutageFlagsTheOrderAndPlansALastCaptureAnHourBeforeTheAuthorizationExpires() {
        gateway.failing(Operation.CAPTURE, Kind.UNAVAILABLE);
        gateway.authorizationValidUntil(fixture.currentTime().plus(Duration.ofDays(7)));

        givenAwaitingPayment()
                .whenPublishingA(authorized())
                .expectDispatchedCommands(new FlagOrderForAttentionCommand(
                        ORDER_ID, SAGA, "payment capture failed: capture failed at the fake gateway"))
                .expectScheduledDeadlineWithName(Duration.ofDays(7).minusHours(1), CheckoutSaga.CAPTURE_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void theLastCaptureAttemptConfirmsTheOrderWhenTheGatewayIsBack() {
        gateway.failing(Operation.CAPTURE, Kind.UNAVAILABLE);
        givenAwaitingPayment().andThenAPublished(authorized());
        gateway.recovered(Operation.CAPTURE);

        fixture.whenTimeElapses(Duration.ofDays(7))
                .expectTriggeredDeadlinesWithName(CheckoutSaga.CAPTURE_DEADLINE)
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID))
                .expectActiveSagas(1);
    }

    @Test
    void aFailedLastCaptureAttemptVoidsThePaymentReleasesTheStockAndCancelsTheOrder() {
        String reason = "the payment authorization expires before it could be captured";
        gateway.failing(Operation.CAPTURE, Kind.UNAVAILABLE);
        givenAwaitingPayment().andThenAPublished(authorized());

        fixture.whenTimeElapses(Duration.ofDays(7))
                .expectDispatchedCommands(
                        new FlagOrderForAttentionCommand(
                                ORDER_ID, SAGA, "payment capture failed: capture failed at the fake gateway"),
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
    }

    @Test
    void aCaptureTheGatewayRefusesRecordsThePaymentFailureAndWaitsForAnotherAttempt() {
        String reason = "payment could not be captured: capture failed at the fake gateway";
        gateway.failing(Operation.CAPTURE, Kind.DECLINED);

        givenAwaitingPayment()
                .whenPublishingA(authorized())
                .expectDispatchedCommands(new RecordPaymentFailureCommand(ORDER_ID, reason))
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE)
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CANCEL)).isEmpty();
        assertThat(ledger.entriesOf(ORDER_ID)).isEmpty();
    }

    @Test
    void aCaptureRefusedOnTheLastAttemptRecordsThePaymentFailureAndUndoesTheCheckout() {
        fixture.registerResource(
                CheckoutPolicy.withPaymentDeadline(PAYMENT_DEADLINE).withMaxPaymentAttempts(1));
        String reason = "payment could not be captured: capture failed at the fake gateway";
        gateway.failing(Operation.CAPTURE, Kind.DECLINED);

        givenAwaitingPayment()
                .whenPublishingA(authorized())
                .expectDispatchedCommands(
                        new RecordPaymentFailureCommand(ORDER_ID, reason),
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
        assertThat(ledger.entriesOf(ORDER_ID)).isEmpty();
    }

    @Test
    void anOrderCancelledWhileItsPaymentWasBeingCapturedGetsTheMoneyBackAndItsStockReleased() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ConfirmOrderCommand) {
                throw new OrderRefusal("order is CANCELLED");
            }
            return null;
        });
        givenAwaitingPayment()
                .whenPublishingA(authorized())
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL),
                        new FlagOrderForAttentionCommand(
                                ORDER_ID,
                                SAGA,
                                "payment capture failed: captured " + CAPTURE_REFERENCE
                                        + " but the order could not be confirmed: order is CANCELLED"))
                .expectActiveSagas(1);

        fixture.whenPublishingA(new OrderCancelledEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        Actor.customer("alice"),
                        "changed my mind",
                        Money.zero("EUR"),
                        false))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, "order cancelled"),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, "order cancelled"))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(TOTAL);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":refund:compensation");
        });
        assertThat(ledger.entriesOf(ORDER_ID))
                .extracting(LedgerEntry::type)
                .containsExactly(LedgerEntry.Type.CAPTURE, LedgerEntry.Type.REFUND);
    }

    @Test
    void aCustomerCancellingWhileAwaitingPaymentVoidsThePaymentAndReleasesTheStock() {
        givenAwaitingPayment()
                .whenPublishingA(new OrderCancelledEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        Actor.customer("alice"),
                        "changed my mind",
                        Money.zero("EUR"),
                        false))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, "order cancelled"),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, "order cancelled"))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
    }

    @Test
    void aCancellationAfterCaptureRefundsWhatIsDueAndRestocksTheCommittedStock() {
        givenConfirmed()
                .whenPublishingA(
                        new OrderCancelledEvent(ORDER_ID, OrderStatus.CONFIRMED, ADMIN, "customer called", TOTAL, true))
                .expectDispatchedCommands(
                        new RestockCommand(MUG, ORDER_ID, "order cancelled"),
                        new RestockCommand(TSHIRT, ORDER_ID, "order cancelled"),
                        new RecordRefundCommand(ORDER_ID, "cancellation", "re_cancellation", TOTAL))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .singleElement()
                .satisfies(
                        call -> assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":refund:cancellation"));
        assertThat(ledger.entriesOf(ORDER_ID))
                .extracting(LedgerEntry::type)
                .containsExactly(LedgerEntry.Type.CAPTURE, LedgerEntry.Type.REFUND);
    }

    @Test
    void anAdminPartialRefundIsMadeAtTheGatewayAndRecordedOnTheOrder() {
        Money part = Money.of(1250, "EUR");
        givenConfirmed()
                .whenPublishingA(new RefundRequestedEvent(
                        ORDER_ID, "r-1", part, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ADMIN, "mug arrived broken"))
                .expectDispatchedCommands(new RecordRefundCommand(ORDER_ID, "r-1", "re_r-1", part))
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.REFUND)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(part);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":refund:r-1");
        });
    }

    @Test
    void aRefundAfterTheCheckoutEndedIsCarriedOutByAShortLivedSaga() {
        Money part = Money.of(1250, "EUR");
        fixture.givenNoPriorActivity()
                .whenPublishingA(new RefundRequestedEvent(
                        ORDER_ID, "r-2", part, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ADMIN, "returned"))
                .expectDispatchedCommands(new RecordRefundCommand(ORDER_ID, "r-2", "re_r-2", part))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .singleElement()
                .satisfies(call -> assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE));
    }

    @Test
    void aRefundThatFailsIsFlaggedAndAnAdminRetryRefundsOnceWithTheSameIdempotencyKey() {
        Money part = Money.of(1250, "EUR");
        gateway.failing(Operation.REFUND, Kind.UNAVAILABLE);
        fixture.givenAPublished(new RefundRequestedEvent(
                ORDER_ID, "r-3", part, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ADMIN, "returned"));
        gateway.recovered(Operation.REFUND);

        fixture.whenPublishingA(new CheckoutRetryRequestedEvent(ORDER_ID, ADMIN, null))
                .expectDispatchedCommands(new RecordRefundCommand(ORDER_ID, "r-3", "re_r-3", part))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.REFUND))
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(ORDER_ID.value() + ":refund:r-3", ORDER_ID.value() + ":refund:r-3");
        assertThat(ledger.entriesOf(ORDER_ID)).hasSize(1);
    }

    @Test
    void anAdminCompensationOfAFlaggedCheckoutVoidsThePaymentReleasesTheStockAndCancelsTheOrder() {
        String reason = "gateway down for hours";
        gateway.failing(Operation.CAPTURE, Kind.UNAVAILABLE);
        givenAwaitingPayment().andThenAPublished(authorized());

        fixture.whenPublishingA(new CheckoutCompensationRequestedEvent(ORDER_ID, ADMIN, reason))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void aCompensationThatCannotReachTheGatewayKeepsTheCheckoutOpenUntilARetrySucceeds() throws Exception {
        String reason = "payment not received within 30 minutes";
        gateway.failing(Operation.CANCEL, Kind.UNAVAILABLE);
        givenAwaitingPayment().andThenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1));
        gateway.recovered(Operation.CANCEL);

        fixture.whenPublishingA(new CheckoutRetryRequestedEvent(ORDER_ID, ADMIN, null))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);
    }

    @Test
    void anAdminCompensationOfAConfirmedOrderCancelsItAsTheAdmin() {
        givenConfirmed()
                .whenPublishingA(new CheckoutCompensationRequestedEvent(ORDER_ID, ADMIN, "fraud suspected"))
                .expectDispatchedCommands(new CancelOrderCommand(ORDER_ID, ADMIN, "fraud suspected"))
                .expectActiveSagas(1);
    }

    @Test
    void theCheckoutEndsWhenTheOrderIsRejected() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .whenPublishingA(new OrderRejectedEvent(
                        ORDER_ID, OrderStatus.PENDING, List.of(new ShortSku(MUG, 1, 0)), SAGA, null))
                .expectActiveSagas(0);
    }

    /** A refusal by the domain, as the order aggregate throws it (a DomainRejection). */
    static final class OrderRefusal extends DomainRejection {
        OrderRefusal(String message) {
            super(RejectionKind.CONFLICT, "illegal-transition", message);
        }
    }

    private ContinuedGivenState givenAwaitingPayment() {
        return fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .andThenAPublished(reserved(MUG, 1))
                .andThenAPublished(new OrderAwaitingPaymentEvent(
                        ORDER_ID,
                        OrderStatus.PENDING,
                        PaymentMethod.SANDBOX,
                        PAYMENT_REFERENCE,
                        SANDBOX_ACTION,
                        SAGA,
                        null));
    }

    /** The first payment was declined; the customer started attempt 2 and its payment waits. */
    private ContinuedGivenState givenSecondAttemptAwaitingPayment() {
        return givenAwaitingPayment()
                .andThenAPublished(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .andThenAPublished(attemptStarted(2))
                .andThenAPublished(awaitingAttempt(2));
    }

    private static PaymentAttemptStartedEvent attemptStarted(int attempt) {
        return new PaymentAttemptStartedEvent(ORDER_ID, attempt, PaymentMethod.SANDBOX, Actor.customer("alice"));
    }

    private static OrderAwaitingPaymentEvent awaitingAttempt(int attempt) {
        String reference = PAYMENT_REFERENCE + "_" + attempt;
        return new OrderAwaitingPaymentEvent(
                ORDER_ID,
                OrderStatus.AWAITING_PAYMENT,
                PaymentMethod.SANDBOX,
                reference,
                new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + reference, null),
                SAGA,
                null);
    }

    private ContinuedGivenState givenConfirmed() {
        return givenAwaitingPayment().andThenAPublished(authorized()).andThenAPublished(confirmed());
    }

    private static StockReservedEvent reserved(SkuCode sku, int quantity) {
        return new StockReservedEvent(sku, ORDER_ID, quantity, 10, Instant.now());
    }

    private static PaymentAuthorizedEvent authorized() {
        return new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL, "sandbox", "4242");
    }

    private static OrderConfirmedEvent confirmed() {
        return new OrderConfirmedEvent(
                ORDER_ID, OrderStatus.AWAITING_PAYMENT, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL, SAGA, null);
    }

    private static OrderFlaggedForAttentionEvent flagged(OrderStatus from) {
        return new OrderFlaggedForAttentionEvent(ORDER_ID, from, SAGA, "gateway down");
    }

    /** Two T-shirts in two lines and a mug, no tax: 67.50 EUR with shipping. */
    private static OrderPlacedEvent aPlacedOrder(PaymentMethod method) {
        return OrderFixtures.aPlacedOrder()
                .id(ORDER_ID)
                .number("ORD-20251122-000001")
                .byCustomer("alice", "alice@example.com")
                .withLines(tshirts(1), mugs(1), tshirts(1))
                .taxRate(0)
                .shippedTo(ROTHSCHILD_BLVD)
                .withNotes(null)
                .paidWith(method)
                .placedAt(Instant.parse("2025-11-22T10:00:00Z"))
                .build();
    }

    private static OrderPlacedEvent aPlacedOrder() {
        return aPlacedOrder(PaymentMethod.SANDBOX);
    }
}
