package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import java.util.Objects;

/**
 * What the checkout asks of the {@link PaymentParticipant}: one request per step that moves money. Each names the
 * order (its id makes the idempotency key of the step, see {@link IdempotencyKeys}) and the provider to ask.
 */
public sealed interface PaymentRequest {

    OrderId orderId();

    PaymentMethod provider();

    /** Create the payment the customer is to authorize, for the order's total. */
    record AuthorizePayment(OrderId orderId, String orderNumber, PaymentMethod provider, Money total)
            implements PaymentRequest {
        public AuthorizePayment {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
        }
    }

    /** Take the whole authorized {@code total}. */
    record CapturePayment(OrderId orderId, PaymentMethod provider, String paymentReference, Money total)
            implements PaymentRequest {
        public CapturePayment {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
        }
    }

    /** Cancel a payment that was not captured, so it can no longer be paid (or its authorization is released). */
    record VoidPayment(OrderId orderId, PaymentMethod provider, String paymentReference) implements PaymentRequest {
        public VoidPayment {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    /** Give {@code amount} of a captured payment back; {@code refundId} is the engine's id of this refund. */
    record RefundPayment(
            OrderId orderId, PaymentMethod provider, String paymentReference, String refundId, Money amount)
            implements PaymentRequest {
        public RefundPayment {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
