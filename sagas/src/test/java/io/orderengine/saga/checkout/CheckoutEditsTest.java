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

import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGatewayException.Kind;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import io.orderengine.testkit.OrderFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checkout of an order edited while it waits for payment ({@link CheckoutEdits}). The order was placed with two
 * T-shirts and a mug for 67.50 EUR; the admin's edit adds a lamp (40.00 EUR), making it 107.50 EUR.
 */
class CheckoutEditsTest {

    private static final Duration PAYMENT_DEADLINE = Duration.ofMinutes(30);
    private static final Actor SAGA = Actor.system("checkout-saga");
    private static final Actor ADMIN = Actor.admin("root");
    private static final SkuCode LAMP = new SkuCode("LAMP");
    private static final Money TOTAL = aPlacedOrder().totals().total();
    private static final Money NEW_TOTAL = TOTAL.plus(Money.of(4000, "EUR"));
    private static final String EDIT = "ed-1";
    private static final String NEW_REFERENCE =
            FakePaymentGateway.paymentReferenceOf(IdempotencyKeys.authorize(ORDER_ID, 1, EDIT));

    private CheckoutSagaHarness harness;
    private FakePaymentGateway gateway;
    private SagaTestFixture<CheckoutSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        harness = new CheckoutSagaHarness(PAYMENT_DEADLINE);
        gateway = harness.gateway;
        fixture = harness.fixture;
        commands = harness.commands;
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void anEditToAnotherTotalCancelsThePaymentUnderWayAndSetsUpOneForTheNewTotalWithKeysNamingTheEdit() {
        givenAwaitingPayment()
                .whenPublishingA(addingALamp())
                .expectDispatchedCommands(new AwaitPaymentCommand(
                        ORDER_ID, PaymentMethod.SANDBOX, NEW_REFERENCE, sandboxAction(NEW_REFERENCE)))
                .expectActiveSagas(1);

        assertThat(gateway.calls())
                .extracting(FakePaymentGateway.Call::operation)
                .containsExactly(Operation.AUTHORIZE, Operation.CANCEL, Operation.AUTHORIZE);
        assertThat(gateway.calls(Operation.CANCEL)).singleElement().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":cancel");
        });
        assertThat(gateway.calls(Operation.AUTHORIZE)).last().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(NEW_TOTAL);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":authorize:for-ed-1");
        });
    }

    @Test
    void theEditRestartsThePaymentDeadlineSoTheCustomerHasTheUsualTimeToPayTheNewTotal() throws Exception {
        givenAwaitingPayment()
                .andThenTimeElapses(Duration.ofMinutes(20))
                .whenPublishingA(addingALamp())
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE);
        // the first deadline (10 minutes from now) was cancelled: nothing falls before the restarted one
        fixture.whenTimeElapses(Duration.ofMinutes(29))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void aPaymentDeadlineTheEditCancelledWhileItWasOnItsWayChangesNothing() {
        // the deadline store delivers a deadline it had claimed before the edit cancelled it, naming its schedule
        fixture.registerDeadlineHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.transformMessage(deadline ->
                    deadline.andMetaData(Map.of(MongoDeadlineManager.SCHEDULE_ID, "the-schedule-the-edit-cancelled")));
            return chain.proceed();
        });
        givenAwaitingTheEditedTotal()
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(CheckoutSaga.PAYMENT_DEADLINE)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CANCEL))
                .as("only the payment the edit replaced is cancelled")
                .extracting(FakePaymentGateway.Call::paymentReference)
                .containsExactly(PAYMENT_REFERENCE);
    }

    @Test
    void thePaymentOfTheNewTotalConfirmsTheOrderAndCommitsEverySkuItHoldsTheAddedOneToo() {
        givenAwaitingTheEditedTotal()
                .whenPublishingA(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, NEW_REFERENCE, NEW_TOTAL, "sandbox", "4242"))
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, NEW_TOTAL),
                        new CommitStockCommand(LAMP, ORDER_ID),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CAPTURE)).singleElement().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(NEW_REFERENCE);
            assertThat(call.amount()).isEqualTo(NEW_TOTAL);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":capture:for-ed-1");
        });
    }

    @Test
    void anEditThatKeepsTheTotalLeavesThePaymentAloneButItsAddedSkuIsCommittedWithTheOthers() {
        OrderEditedEvent swap = edited(
                List.of(new EditedLine(MUG, "Blue mug", Money.of(1250, "EUR"), 1, 0), lampLine()),
                List.of(tshirts(2), lamps()),
                TOTAL);
        givenAwaitingPayment()
                .andThenAPublished(swap)
                .whenPublishingA(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL, "sandbox", "4242"))
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, TOTAL),
                        new CommitStockCommand(LAMP, ORDER_ID),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID));

        assertThat(gateway.calls())
                .extracting(FakePaymentGateway.Call::operation)
                .containsExactly(Operation.AUTHORIZE, Operation.CAPTURE);
    }

    @Test
    void thePaymentDeadlineAfterAnEditReleasesEverySkuTheOrderHoldsAndCancelsTheNewPayment() {
        String reason = "payment not received within 30 minutes";
        givenAwaitingTheEditedTotal()
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(CheckoutSaga.PAYMENT_DEADLINE)
                .expectDispatchedCommands(
                        new ReleaseStockCommand(LAMP, ORDER_ID, reason),
                        new ReleaseStockCommand(MUG, ORDER_ID, reason),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, reason),
                        new CancelOrderCommand(ORDER_ID, SAGA, reason))
                .expectActiveSagas(0);

        assertThat(gateway.calls(Operation.CANCEL))
                .extracting(FakePaymentGateway.Call::paymentReference, FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PAYMENT_REFERENCE, ORDER_ID.value() + ":cancel"),
                        org.assertj.core.groups.Tuple.tuple(NEW_REFERENCE, ORDER_ID.value() + ":cancel:for-ed-1"));
    }

    @Test
    void aCustomerCancellingAfterAnEditGetsEverySkuReleasedTheAddedOneToo() {
        givenAwaitingTheEditedTotal()
                .whenPublishingA(new OrderCancelledEvent(
                        ORDER_ID,
                        OrderStatus.AWAITING_PAYMENT,
                        Actor.customer("alice"),
                        "changed my mind",
                        null,
                        false,
                        null))
                .expectDispatchedCommands(
                        new ReleaseStockCommand(LAMP, ORDER_ID, "order cancelled"),
                        new ReleaseStockCommand(MUG, ORDER_ID, "order cancelled"),
                        new ReleaseStockCommand(TSHIRT, ORDER_ID, "order cancelled"))
                .expectActiveSagas(0);
    }

    @Test
    void aPaymentOfTheReplacedLinkIsCancelledNeverCapturedAndTheOrderKeepsWaitingForTheNewOne() {
        givenAwaitingTheEditedTotal()
                .whenPublishingA(
                        new ReplacedPaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, CheckoutSaga.PAYMENT_DEADLINE)
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CAPTURE)).isEmpty();
        assertThat(gateway.calls(Operation.CANCEL)).last().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE);
            assertThat(call.idempotencyKey())
                    .isEqualTo(IdempotencyKeys.cancelReplaced(ORDER_ID, PAYMENT_REFERENCE))
                    .isNotEqualTo(ORDER_ID.value() + ":cancel");
        });

        // the new payment still confirms the order for the new total
        fixture.whenPublishingA(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, NEW_REFERENCE, NEW_TOTAL, "sandbox", "4242"))
                .expectDispatchedCommands(
                        new ConfirmOrderCommand(ORDER_ID, PaymentMethod.SANDBOX, CAPTURE_REFERENCE, NEW_TOTAL),
                        new CommitStockCommand(LAMP, ORDER_ID),
                        new CommitStockCommand(MUG, ORDER_ID),
                        new CommitStockCommand(TSHIRT, ORDER_ID));
    }

    @Test
    void aReplacedPaymentTheGatewayCannotCancelIsOnlyLoggedForItIsNeverCaptured() {
        gateway.failing(Operation.CANCEL, Kind.UNAVAILABLE);
        givenAwaitingTheEditedTotal()
                .whenPublishingA(
                        new ReplacedPaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL))
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.CAPTURE)).isEmpty();
    }

    @Test
    void anEditHandledAgainSetsUpNoSecondPayment() {
        givenAwaitingTheEditedTotal()
                .whenPublishingA(addingALamp())
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.AUTHORIZE)).hasSize(2);
        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
    }

    @Test
    void afterAFailedPaymentAnEditSetsUpNothingAndTheNextAttemptIsForTheNewTotal() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentFailedEvent(ORDER_ID, "card declined"))
                .andThenAPublished(addingALamp())
                .whenPublishingA(
                        new PaymentAttemptStartedEvent(ORDER_ID, 2, PaymentMethod.SANDBOX, Actor.customer("alice")))
                .expectActiveSagas(1);

        assertThat(gateway.calls(Operation.AUTHORIZE))
                .extracting(FakePaymentGateway.Call::amount, FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TOTAL, ORDER_ID.value() + ":authorize"),
                        org.assertj.core.groups.Tuple.tuple(NEW_TOTAL, ORDER_ID.value() + ":authorize:2"));
    }

    @Test
    void anEditOfAPaidOrderIsNotTheCheckouts() {
        givenAwaitingPayment()
                .andThenAPublished(new PaymentAuthorizedEvent(
                        ORDER_ID, PaymentMethod.SANDBOX, PAYMENT_REFERENCE, TOTAL, "sandbox", "4242"))
                .whenPublishingA(new OrderEditedEvent(
                        ORDER_ID,
                        EDIT,
                        2,
                        List.of(OrderEditChange.addLine(LAMP, 1)),
                        null,
                        List.of(tshirts(2), mugs(1), lamps()),
                        List.of(lampLine()),
                        aPlacedOrder().totals(),
                        totals(NEW_TOTAL),
                        ROTHSCHILD_BLVD,
                        NEW_TOTAL.minus(TOTAL),
                        true,
                        ADMIN,
                        null,
                        null))
                .expectNoDispatchedCommands();

        assertThat(gateway.calls(Operation.CANCEL)).isEmpty();
        assertThat(gateway.calls(Operation.AUTHORIZE)).hasSize(1);
    }

    private ContinuedGivenState givenAwaitingPayment() {
        return fixture.givenAggregate(ORDER_ID.value())
                .published(aPlacedOrder())
                .andThenAPublished(reserved(TSHIRT, 2))
                .andThenAPublished(reserved(MUG, 1))
                .andThenAPublished(awaiting(OrderStatus.PENDING, PAYMENT_REFERENCE));
    }

    /** The edit added a lamp and the order waits for the payment of its new total. */
    private ContinuedGivenState givenAwaitingTheEditedTotal() {
        return givenAwaitingPayment()
                .andThenAPublished(addingALamp())
                .andThenAPublished(awaiting(OrderStatus.AWAITING_PAYMENT, NEW_REFERENCE));
    }

    private static OrderEditedEvent addingALamp() {
        return edited(
                List.of(
                        new EditedLine(MUG, "Blue mug", Money.of(1250, "EUR"), 1, 1),
                        new EditedLine(TSHIRT, "Red T-shirt M", Money.of(2500, "EUR"), 2, 2),
                        lampLine()),
                List.of(tshirts(2), mugs(1), lamps()),
                NEW_TOTAL);
    }

    private static OrderEditedEvent edited(List<EditedLine> editedLines, List<OrderLine> lines, Money total) {
        return new OrderEditedEvent(
                ORDER_ID,
                EDIT,
                2,
                List.of(OrderEditChange.addLine(LAMP, 1)),
                null,
                lines,
                editedLines,
                aPlacedOrder().totals(),
                totals(total),
                ROTHSCHILD_BLVD,
                total.minus(TOTAL),
                false,
                ADMIN,
                null,
                null);
    }

    private static EditedLine lampLine() {
        return new EditedLine(LAMP, "Lamp", Money.of(4000, "EUR"), 0, 1);
    }

    private static OrderLine lamps() {
        return OrderLine.of(LAMP, "Lamp", Money.of(4000, "EUR"), 1, null, null);
    }

    private static OrderTotals totals(Money total) {
        Money shipping = Money.of(500, "EUR");
        return new OrderTotals(total.minus(shipping), Money.of(0, "EUR"), shipping, Money.of(0, "EUR"), total, 0);
    }

    private static OrderAwaitingPaymentEvent awaiting(OrderStatus from, String reference) {
        return new OrderAwaitingPaymentEvent(
                ORDER_ID, from, PaymentMethod.SANDBOX, reference, sandboxAction(reference), SAGA, null);
    }

    private static PaymentAction sandboxAction(String reference) {
        return new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + reference, null);
    }

    private static StockReservedEvent reserved(SkuCode sku, int quantity) {
        return new StockReservedEvent(sku, ORDER_ID, quantity, 10, Instant.now());
    }

    /** Two T-shirts in two lines and a mug, no tax: 67.50 EUR with shipping. */
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
