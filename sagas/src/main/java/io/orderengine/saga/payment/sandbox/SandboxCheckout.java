package io.orderengine.saga.payment.sandbox;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.PaymentNotification;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.payment.GatewayPayment;

/**
 * The customer's side of the sandbox gateway, behind {@code POST /api/v1/payments/sandbox/{paymentReference}}
 * with {@code {"outcome":"approve"|"decline"}}. The decision is recorded at the sandbox gateway, then reported to
 * the engine through the same inbox path as a provider webhook (event id = reference + outcome), so repeating the
 * post is harmless and a failed report is done again by the next post.
 */
public class SandboxCheckout {

    static final String INBOX_PROVIDER = "sandbox";

    private final SandboxPaymentGateway gateway;
    private final WebhookInbox inbox;
    private final PaymentNotificationHandler notifications;

    public SandboxCheckout(
            SandboxPaymentGateway gateway, WebhookInbox inbox, PaymentNotificationHandler notifications) {
        this.gateway = gateway;
        this.inbox = inbox;
        this.notifications = notifications;
    }

    /** What the sandbox payment is after the decision: {@code status} is authorized or declined. */
    public record Decision(String paymentReference, String orderId, String status) {}

    /**
     * Plays the customer. Throws IllegalArgumentException for an outcome other than approve/decline (400),
     * {@link UnknownSandboxPaymentException} (404), {@link SandboxDecisionConflictException} (409) and
     * {@link io.orderengine.saga.inbox.WebhookProcessingException} when the engine could not record it (5xx; post again).
     */
    public Decision decide(String paymentReference, String outcome) {
        SandboxPaymentGateway.Outcome decided = SandboxPaymentGateway.Outcome.fromWire(outcome);
        GatewayPayment payment = gateway.decide(paymentReference, decided);
        PaymentNotification notification = notificationOf(paymentReference, decided, payment);
        inbox.process(
                INBOX_PROVIDER,
                paymentReference + ":" + outcome,
                "sandbox." + outcome,
                paymentReference,
                () -> notifications.apply(notification));
        return new Decision(
                paymentReference, payment.orderId(), payment.status().name().toLowerCase());
    }

    /**
     * Reports a stored decision again (the inbox's retries): the payload is the payment reference, the event type
     * names the outcome; the decision itself is already recorded at the sandbox gateway.
     */
    public void replay(String eventType, String paymentReference) {
        SandboxPaymentGateway.Outcome decided =
                SandboxPaymentGateway.Outcome.fromWire(eventType.substring("sandbox.".length()));
        notifications.apply(notificationOf(paymentReference, decided, gateway.retrieve(paymentReference)));
    }

    private static PaymentNotification notificationOf(
            String paymentReference, SandboxPaymentGateway.Outcome decided, GatewayPayment payment) {
        OrderId orderId = new OrderId(payment.orderId());
        return decided == SandboxPaymentGateway.Outcome.APPROVE
                ? PaymentNotification.authorized(
                        PaymentMethod.SANDBOX,
                        orderId,
                        paymentReference,
                        payment.amount(),
                        payment.cardBrand(),
                        payment.cardLast4())
                : PaymentNotification.failed(
                        PaymentMethod.SANDBOX,
                        orderId,
                        paymentReference,
                        "declined by the customer at the sandbox gateway");
    }
}
