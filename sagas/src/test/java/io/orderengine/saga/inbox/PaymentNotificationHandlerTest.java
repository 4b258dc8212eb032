package io.orderengine.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.Refund;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentNotificationHandlerTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final Money TOTAL = Money.of(6750, "EUR");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final RecordingCommands commands = new RecordingCommands();
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
    private final PaymentNotificationHandler handler = new PaymentNotificationHandler(commands.gateway(), ledger);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aCaptureReportedBeforeTheAuthorizationLeavesOneCaptureAndAConfirmedOrder() {
        handler.apply(PaymentNotification.captured(PaymentMethod.STRIPE, ORDER, "pi_1", TOTAL, "visa", "4242", "ch_1"));
        handler.apply(PaymentNotification.authorized(PaymentMethod.STRIPE, ORDER, "pi_1", TOTAL, "visa", "4242"));
        handler.apply(PaymentNotification.captured(PaymentMethod.STRIPE, ORDER, "pi_1", TOTAL, "visa", "4242", "ch_1"));

        assertThat(ledger.entriesOf(ORDER))
                .singleElement()
                .satisfies(entry -> assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE));
        RecordPaymentAuthorizationCommand authorization =
                new RecordPaymentAuthorizationCommand(ORDER, PaymentMethod.STRIPE, "pi_1", TOTAL, "visa", "4242");
        assertThat(commands.sent())
                .startsWith(
                        authorization,
                        new ResumeOrderCommand(ORDER, PaymentNotificationHandler.ACTOR, "payment captured at stripe"),
                        new ConfirmOrderCommand(ORDER, PaymentMethod.STRIPE, "ch_1", TOTAL),
                        authorization);
    }

    @Test
    void refundsReportedTwiceAreOneLedgerEntryEachAndRecordedByTheirOwnIds() {
        List<Refund> refunds = List.of(
                new Refund("re_1", Money.of(1000, "EUR"), "r-1"), new Refund("re_2", Money.of(500, "EUR"), null));
        handler.apply(PaymentNotification.refunded(PaymentMethod.STRIPE, ORDER, "pi_1", refunds));
        handler.apply(PaymentNotification.refunded(PaymentMethod.STRIPE, ORDER, "pi_1", refunds));

        assertThat(ledger.entriesOf(ORDER)).extracting(LedgerEntry::reference).containsExactly("re_1", "re_2");
        assertThat(commands.sent())
                .contains(
                        new RecordRefundCommand(ORDER, "r-1", "re_1", Money.of(1000, "EUR")),
                        new RecordRefundCommand(ORDER, "re_2", "re_2", Money.of(500, "EUR")));
    }

    @Test
    void aDisputeFlagsTheOrderForAHuman() {
        handler.apply(PaymentNotification.disputed(PaymentMethod.STRIPE, ORDER, "pi_1", "fraudulent"));

        assertThat(commands.sent())
                .containsExactly(new FlagOrderForAttentionCommand(
                        ORDER, PaymentNotificationHandler.ACTOR, "payment disputed at stripe: fraudulent"));
    }
}
