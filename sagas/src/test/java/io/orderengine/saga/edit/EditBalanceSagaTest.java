package io.orderengine.saga.edit;

import static io.orderengine.saga.support.FakePaymentGateway.CAPTURE_REFERENCE;
import static io.orderengine.saga.support.FakePaymentGateway.PAYMENT_REFERENCE;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.tshirts;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.AwaitEditBalanceCommand;
import io.orderengine.messages.order.EditBalanceAuthorizedEvent;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalancePaidLateEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.saga.checkout.CheckoutPolicy;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The balance of edit ed-1: a blue mug added to a paid order of 64.90 EUR makes it 79.65, so 14.75 is owed. */
class EditBalanceSagaTest {

    private static final Duration PAYMENT_DEADLINE = Duration.ofMinutes(30);
    private static final Money BALANCE = eur(1475);
    private static final String KEY = ORDER_ID.value() + ":balance:ed-1:";
    private static final PaymentAction ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + PAYMENT_REFERENCE, null);
    private static final Actor SAGA = Actor.system("edit-balance-saga");

    private InMemoryMongo mongo;
    private PaymentLedger ledger;
    private BalancePayments balancePayments;
    private FakePaymentGateway gateway;
    private SagaTestFixture<EditBalanceSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        mongo = InMemoryMongo.start();
        ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
        balancePayments = new BalancePayments(mongo.database());
        gateway = new FakePaymentGateway(PaymentMethod.SANDBOX);
        fixture = new SagaTestFixture<>(EditBalanceSaga.class);
        fixture.registerResource(new PaymentParticipant(new PaymentGateways(List.of(gateway)), ledger));
        fixture.registerResource(CheckoutPolicy.withPaymentDeadline(PAYMENT_DEADLINE));
        fixture.registerResource(balancePayments);
        commands = new StepCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus())
                .build());
        fixture.registerResource(commands);
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.givenCurrentTime(Instant.parse("2025-11-22T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        commands.close();
        mongo.close();
    }

    @Test
    void aBalanceAskedForGetsAPaymentOfItsOwnUnderTheEditsKeyAndTheFirstPaymentsDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID.value())
                .publishes(requested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new AwaitEditBalanceCommand(ORDER_ID, "ed-1", PaymentMethod.SANDBOX, PAYMENT_REFERENCE, ACTION))
                .expectScheduledDeadlineWithName(PAYMENT_DEADLINE, EditBalanceSaga.DEADLINE);
        assertThat(gateway.calls(Operation.AUTHORIZE)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(BALANCE);
            assertThat(call.idempotencyKey()).isEqualTo(KEY + "authorize");
        });
        assertThat(balancePayments.editOf(PAYMENT_REFERENCE)).contains("ed-1");
        assertThat(balancePayments.editOf("pay_other")).isEmpty();
    }

    @Test
    void anAuthorizedBalanceIsCapturedAndTheSagaEndsWhenItIsPaid() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(requested())
                .whenPublishingA(new EditBalanceAuthorizedEvent(ORDER_ID, "ed-1", PAYMENT_REFERENCE))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordEditBalanceCaptureCommand(
                        ORDER_ID, "ed-1", PaymentMethod.SANDBOX, PAYMENT_REFERENCE, CAPTURE_REFERENCE, BALANCE));
        assertThat(gateway.calls(Operation.CAPTURE))
                .singleElement()
                .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(KEY + "capture"));
        assertThat(ledger.entriesOf(ORDER_ID))
                .singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE));

        fixture.givenAggregate(ORDER_ID.value())
                .published(requested(), new EditBalanceAuthorizedEvent(ORDER_ID, "ed-1", PAYMENT_REFERENCE))
                .whenPublishingA(paid())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aBalancePaymentReportedTwiceIsCapturedOnce() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(requested(), new EditBalanceAuthorizedEvent(ORDER_ID, "ed-1", PAYMENT_REFERENCE))
                .whenPublishingA(new EditBalanceAuthorizedEvent(ORDER_ID, "ed-1", PAYMENT_REFERENCE))
                .expectNoDispatchedCommands();
        assertThat(gateway.calls(Operation.CAPTURE)).hasSize(1);
        assertThat(gateway.calls(Operation.AUTHORIZE)).hasSize(1);
    }

    @Test
    void theDeadlineRollsTheEditBackAndTheRollbackGivesTheStockBackAndVoidsTheBalancePayment() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(requested())
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(EditBalanceSaga.DEADLINE)
                .expectDispatchedCommands(
                        new RollBackOrderEditCommand(ORDER_ID, "ed-1", "balance not paid within 30 minutes", SAGA));

        fixture.givenAggregate(ORDER_ID.value())
                .published(requested())
                .whenPublishingA(rolledBack())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(new AdjustOrderStockCommand(
                        MUG, ORDER_ID, "ed-1:rollback", -1, true, "order edit ed-1 rolled back"));
        assertThat(gateway.calls(Operation.CANCEL)).singleElement().satisfies(call -> {
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE);
            assertThat(call.idempotencyKey()).isEqualTo(KEY + "cancel");
        });
    }

    @Test
    void anEditThatCanNoLongerBeRolledBackGoesToAHumanAndItsBalancePaymentIsVoided() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof RollBackOrderEditCommand) {
                throw new OrderRefusal("order is SHIPPED");
            }
            return null;
        });
        fixture.givenAggregate(ORDER_ID.value())
                .published(requested())
                .whenTimeElapses(PAYMENT_DEADLINE.plusSeconds(1))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new RollBackOrderEditCommand(ORDER_ID, "ed-1", "balance not paid within 30 minutes", SAGA),
                        new FlagOrderForAttentionCommand(
                                ORDER_ID,
                                SAGA,
                                "edit ed-1 could not be rolled back (balance not paid within 30 minutes): order is"
                                        + " SHIPPED"));
        assertThat(gateway.calls(Operation.CANCEL)).hasSize(1);
    }

    @Test
    void aBalancePaidAfterTheRollbackIsRefundedUnderTheEditsRefundKey() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(requested(), rolledBack())
                .whenPublishingA(new EditBalancePaidLateEvent(
                        ORDER_ID, "ed-1", PaymentMethod.SANDBOX, PAYMENT_REFERENCE, "cap_late", BALANCE))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        assertThat(gateway.calls(Operation.REFUND)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(BALANCE);
            assertThat(call.paymentReference()).isEqualTo(PAYMENT_REFERENCE);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER_ID.value() + ":refund:balance-ed-1");
        });
        assertThat(ledger.entriesOf(ORDER_ID))
                .singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(LedgerEntry.Type.REFUND));
    }

    private static EditBalanceRequestedEvent requested() {
        return new EditBalanceRequestedEvent(ORDER_ID, "ed-1", "ORD-20260115-000042", BALANCE, PaymentMethod.SANDBOX);
    }

    private static EditBalancePaidEvent paid() {
        return new EditBalancePaidEvent(
                ORDER_ID, "ed-1", PAYMENT_REFERENCE, CAPTURE_REFERENCE, BALANCE, PaymentStatus.PAID);
    }

    private static OrderEditRolledBackEvent rolledBack() {
        return new OrderEditRolledBackEvent(
                ORDER_ID,
                "ed-1",
                3,
                List.of(tshirts(2)),
                List.of(
                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 2),
                        new EditedLine(MUG, "Blue mug", eur(1250), 1, 0)),
                TOTALS,
                TEL_AVIV,
                PaymentStatus.PAID,
                "balance not paid within 30 minutes",
                SAGA,
                ALICE);
    }

    static final class OrderRefusal extends DomainRejection {
        OrderRefusal(String message) {
            super(RejectionKind.CONFLICT, "illegal-transition", message);
        }
    }
}
