package io.orderengine.saga.inbox;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.RecordEditBalanceAuthorizationCommand;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import io.orderengine.saga.commands.CommandFailures;
import io.orderengine.saga.edit.BalancePayments;
import io.orderengine.saga.edit.EditBalanceSaga;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.Refund;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a gateway said into the order's record: an authorization, a capture (ledger entry, then the order
 * confirmed), a failure, refunds (one ledger entry each) or a dispute (the order flagged for a human). The checkout
 * saga reacts to the resulting order events. Every command here is a no-op when already recorded, and ledger
 * entries are unique, so a notification delivered twice, or late, changes nothing it should not.
 * A command that fails fails the notification, which the inbox then leaves for the provider's next delivery.
 * <p>A payment that collects the balance of an order edit ({@link BalancePayments}) is the edit's, not the order's
 * first payment: its authorization and capture go to the edit ({@code RecordEditBalance…Command}, which the
 * edit-balance saga follows), a failure rolls the edit back, and the refund of a balance paid late is only recorded
 * in the ledger (the order never counted that money).
 */
public class PaymentNotificationHandler {

    static final Actor ACTOR = Actor.system("payment-webhook");

    private static final Logger log = LoggerFactory.getLogger(PaymentNotificationHandler.class);

    private final CommandGateway commandGateway;
    private final PaymentLedger ledger;
    private final BalancePayments balances;

    public PaymentNotificationHandler(CommandGateway commandGateway, PaymentLedger ledger) {
        this(commandGateway, ledger, null);
    }

    public PaymentNotificationHandler(CommandGateway commandGateway, PaymentLedger ledger, BalancePayments balances) {
        this.commandGateway = commandGateway;
        this.ledger = ledger;
        this.balances = balances;
    }

    public void apply(PaymentNotification notification) {
        if (balances != null) {
            String editId = balances.editOf(notification.paymentReference()).orElse(null);
            if (editId != null) {
                applyToBalance(notification, editId);
                return;
            }
        }
        switch (notification.kind()) {
            case AUTHORIZED -> recordAuthorization(notification);
            case CAPTURED -> {
                ledger.recordCapture(
                        notification.provider(),
                        notification.captureReference(),
                        notification.orderId(),
                        notification.paymentReference(),
                        notification.amount());
                recordAuthorization(notification);
                commandGateway.sendAndWait(new ResumeOrderCommand(
                        notification.orderId(),
                        ACTOR,
                        "payment captured at " + notification.provider().wireName()));
                commandGateway.sendAndWait(new ConfirmOrderCommand(
                        notification.orderId(),
                        notification.provider(),
                        notification.captureReference(),
                        notification.amount()));
            }
            case FAILED ->
                commandGateway.sendAndWait(new RecordPaymentFailureCommand(
                        notification.orderId(),
                        notification.reason() == null
                                ? "payment failed at " + notification.provider().wireName()
                                : notification.reason(),
                        notification.paymentReference()));
            case REFUNDED -> {
                for (Refund refund : notification.refunds()) {
                    ledger.recordRefund(
                            notification.provider(),
                            refund.refundReference(),
                            notification.orderId(),
                            notification.paymentReference(),
                            refund.amount(),
                            refund.refundId());
                    String refundId = refund.refundId() != null ? refund.refundId() : refund.refundReference();
                    commandGateway.sendAndWait(new RecordRefundCommand(
                            notification.orderId(), refundId, refund.refundReference(), refund.amount()));
                }
            }
            case DISPUTED ->
                commandGateway.sendAndWait(new FlagOrderForAttentionCommand(
                        notification.orderId(),
                        ACTOR,
                        "payment disputed at " + notification.provider().wireName()
                                + (notification.reason() == null ? "" : ": " + notification.reason())));
        }
    }

    private void applyToBalance(PaymentNotification notification, String editId) {
        switch (notification.kind()) {
            case AUTHORIZED ->
                commandGateway.sendAndWait(new RecordEditBalanceAuthorizationCommand(
                        notification.orderId(), editId, notification.paymentReference()));
            case CAPTURED -> {
                ledger.recordCapture(
                        notification.provider(),
                        notification.captureReference(),
                        notification.orderId(),
                        notification.paymentReference(),
                        notification.amount());
                commandGateway.sendAndWait(new RecordEditBalanceCaptureCommand(
                        notification.orderId(),
                        editId,
                        notification.provider(),
                        notification.paymentReference(),
                        notification.captureReference(),
                        notification.amount()));
            }
            case FAILED -> {
                try {
                    commandGateway.sendAndWait(new RollBackOrderEditCommand(
                            notification.orderId(),
                            editId,
                            "the balance payment failed at "
                                    + notification.provider().wireName()
                                    + (notification.reason() == null ? "" : ": " + notification.reason()),
                            ACTOR));
                } catch (RuntimeException e) {
                    if (!CommandFailures.isRejection(e) && !CommandFailures.isRejection(e.getCause())) {
                        throw e;
                    }
                    // the order can no longer be rolled back (it shipped): the saga's deadline hands it to a human
                    log.warn("edit {} of order {} not rolled back: {}", editId, notification.orderId(), e.getMessage());
                }
            }
            case REFUNDED -> {
                for (Refund refund : notification.refunds()) {
                    ledger.recordRefund(
                            notification.provider(),
                            refund.refundReference(),
                            notification.orderId(),
                            notification.paymentReference(),
                            refund.amount(),
                            refund.refundId());
                    if (!EditBalanceSaga.lateRefundId(editId).equals(refund.refundId())) {
                        String refundId = refund.refundId() != null ? refund.refundId() : refund.refundReference();
                        commandGateway.sendAndWait(new RecordRefundCommand(
                                notification.orderId(), refundId, refund.refundReference(), refund.amount()));
                    }
                }
            }
            case DISPUTED ->
                apply(new PaymentNotification(
                        notification.kind(),
                        notification.provider(),
                        notification.orderId(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "balance of edit " + editId
                                + (notification.reason() == null ? "" : ": " + notification.reason())));
        }
    }

    private void recordAuthorization(PaymentNotification notification) {
        commandGateway.sendAndWait(new RecordPaymentAuthorizationCommand(
                notification.orderId(),
                notification.provider(),
                notification.paymentReference(),
                notification.amount(),
                notification.cardBrand(),
                notification.cardLast4()));
    }
}
