package io.orderengine.saga.inbox;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.Refund;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Turns what a gateway said into the order's record: an authorization, a capture (ledger entry, then the order
 * confirmed), a failure, refunds (one ledger entry each) or a dispute (the order flagged for a human). The checkout
 * saga reacts to the resulting order events. Every command here is a no-op when already recorded, and ledger
 * entries are unique, so a notification delivered twice, or late, changes nothing it should not.
 * A command that fails fails the notification, which the inbox then leaves for the provider's next delivery.
 */
public class PaymentNotificationHandler {

    static final Actor ACTOR = Actor.system("payment-webhook");

    private final CommandGateway commandGateway;
    private final PaymentLedger ledger;

    public PaymentNotificationHandler(CommandGateway commandGateway, PaymentLedger ledger) {
        this.commandGateway = commandGateway;
        this.ledger = ledger;
    }

    public void apply(PaymentNotification notification) {
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
                                : notification.reason()));
            case REFUNDED -> {
                for (Refund refund : notification.refunds()) {
                    ledger.recordRefund(
                            notification.provider(),
                            refund.refundReference(),
                            notification.orderId(),
                            notification.paymentReference(),
                            refund.amount());
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
