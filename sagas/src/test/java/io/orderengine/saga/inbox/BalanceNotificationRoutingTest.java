package io.orderengine.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordEditBalanceAuthorizationCommand;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import io.orderengine.saga.edit.BalancePayments;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.Refund;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gateway's news about the payment of an edit's balance goes to the edit, not to the order's first payment. */
class BalanceNotificationRoutingTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final Money BALANCE = Money.of(1475, "EUR");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final RecordingCommands commands = new RecordingCommands();
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
    private final BalancePayments balances = new BalancePayments(mongo.database());
    private final PaymentNotificationHandler handler =
            new PaymentNotificationHandler(commands.gateway(), ledger, balances);

    @BeforeEach
    void balancePayment() {
        balances.remember("sbx_balance", ORDER, "ed-1");
        balances.remember("sbx_balance", ORDER, "ed-1");
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void anAuthorizationOfTheBalanceIsTheEditsAndOfTheFirstPaymentTheOrders() {
        handler.apply(
                PaymentNotification.authorized(PaymentMethod.SANDBOX, ORDER, "sbx_balance", BALANCE, "sb", "4242"));
        handler.apply(PaymentNotification.authorized(PaymentMethod.SANDBOX, ORDER, "sbx_first", BALANCE, "sb", "4242"));

        assertThat(commands.sent())
                .containsExactly(
                        new RecordEditBalanceAuthorizationCommand(ORDER, "ed-1", "sbx_balance"),
                        new RecordPaymentAuthorizationCommand(
                                ORDER, PaymentMethod.SANDBOX, "sbx_first", BALANCE, "sb", "4242"));
    }

    @Test
    void aCaptureOfTheBalanceIsLedgeredOnceAndRecordedOnTheEdit() {
        PaymentNotification captured = PaymentNotification.captured(
                PaymentMethod.STRIPE, ORDER, "sbx_balance", BALANCE, "visa", "4242", "ch_b");
        handler.apply(captured);
        handler.apply(captured);

        assertThat(ledger.entriesOf(ORDER))
                .singleElement()
                .satisfies(e -> assertThat(e.type()).isEqualTo(LedgerEntry.Type.CAPTURE));
        assertThat(commands.sent())
                .containsOnly(new RecordEditBalanceCaptureCommand(
                        ORDER, "ed-1", PaymentMethod.STRIPE, "sbx_balance", "ch_b", BALANCE));
    }

    @Test
    void aFailedBalancePaymentRollsTheEditBackAndTheRefundOfALateBalanceIsOnlyLedgered() {
        handler.apply(PaymentNotification.failed(PaymentMethod.SANDBOX, ORDER, "sbx_balance", "declined"));
        handler.apply(PaymentNotification.refunded(
                PaymentMethod.SANDBOX, ORDER, "sbx_balance", List.of(new Refund("re_b", BALANCE, "balance-ed-1"))));

        assertThat(commands.sent())
                .containsExactly(new RollBackOrderEditCommand(
                        ORDER,
                        "ed-1",
                        "the balance payment failed at sandbox: declined",
                        PaymentNotificationHandler.ACTOR));
        assertThat(ledger.entriesOf(ORDER)).extracting(LedgerEntry::reference).containsExactly("re_b");
    }
}
