package io.orderengine.saga.payment.paypal;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.PaymentNotification;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.PaymentGateways;

/**
 * A buyer is back from PayPal on the order page ({@link PayPalReturnUrls}). The return itself proves nothing (anyone
 * can open that URL), so the engine asks PayPal where the PayPal order stands and records only what PayPal says, as a
 * webhook would: approved → the payment is authorized and the checkout saga captures it (the same as
 * {@code CHECKOUT.ORDER.APPROVED}, so the order moves on even when the webhook is late or not configured); still
 * waiting for the buyer after a cancel → the attempt failed ("cancelled at PayPal"), which offers the order page's
 * "Try again" while attempts are left. Anything else (already captured, voided) is left to the saga. Recording twice
 * is a no-op on the order.
 */
public final class PayPalReturns {

    /** How the buyer came back: PayPal's return URL or its cancel URL. */
    public enum Outcome {
        APPROVED,
        CANCELLED
    }

    /** What the return recorded on the order. */
    public enum Recorded {
        AUTHORIZED,
        CANCELLED,
        NOTHING
    }

    static final String CANCELLED_REASON = "cancelled at PayPal by the buyer";

    private final PaymentGateways gateways;
    private final PaymentNotificationHandler notifications;

    public PayPalReturns(PaymentGateways gateways, PaymentNotificationHandler notifications) {
        this.gateways = gateways;
        this.notifications = notifications;
    }

    /**
     * Settles the return of {@code paypalOrderId}, the PayPal order of {@code orderId}'s current attempt.
     *
     * @throws IllegalArgumentException when PayPal says that PayPal order belongs to another engine order
     */
    public Recorded returned(OrderId orderId, String paypalOrderId, Outcome outcome) {
        GatewayPayment payment = gateways.gateway(PaymentMethod.PAYPAL).retrieve(paypalOrderId);
        if (!orderId.value().equals(payment.orderId())) {
            throw new IllegalArgumentException(
                    "PayPal order " + paypalOrderId + " is not the payment of order " + orderId.value());
        }
        switch (payment.status()) {
            case AUTHORIZED -> {
                notifications.apply(PaymentNotification.authorized(
                        PaymentMethod.PAYPAL, orderId, paypalOrderId, payment.amount(), "paypal", null));
                return Recorded.AUTHORIZED;
            }
            case AWAITING_CUSTOMER -> {
                if (outcome == Outcome.CANCELLED) {
                    notifications.apply(
                            PaymentNotification.failed(PaymentMethod.PAYPAL, orderId, paypalOrderId, CANCELLED_REASON));
                    return Recorded.CANCELLED;
                }
                return Recorded.NOTHING;
            }
            default -> {
                return Recorded.NOTHING;
            }
        }
    }
}
