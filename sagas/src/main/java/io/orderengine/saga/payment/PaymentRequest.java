package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import java.util.Objects;

/**
 * What the checkout asks of the {@link PaymentParticipant}: one request per step that moves money. Each names the
 * order and, for the steps of one payment, its attempt (together they make the idempotency key of the step, see
 * {@link IdempotencyKeys}) and the provider to ask.
 */
public sealed interface PaymentRequest {

    OrderId orderId();

    PaymentMethod provider();

    /**
     * Create the payment the customer is to authorize, for the order's total; {@code editId} names the edit of the
     * unpaid order that made that total (null: the total the order was placed with).
     */
    record AuthorizePayment(
            OrderId orderId, String orderNumber, PaymentMethod provider, Money total, int attempt, String editId)
            implements PaymentRequest {
        public AuthorizePayment {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
        }

        /** The payment of {@code attempt} for the placed total. */
        public AuthorizePayment(OrderId orderId, String orderNumber, PaymentMethod provider, Money total, int attempt) {
            this(orderId, orderNumber, provider, total, attempt, null);
        }

        /** The first attempt. */
        public AuthorizePayment(OrderId orderId, String orderNumber, PaymentMethod provider, Money total) {
            this(orderId, orderNumber, provider, total, 1);
        }
    }

    /** Take the whole authorized {@code total}; {@code editId} as for {@link AuthorizePayment}. */
    record CapturePayment(
            OrderId orderId, PaymentMethod provider, String paymentReference, Money total, int attempt, String editId)
            implements PaymentRequest {
        public CapturePayment {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(total, "total");
        }

        /** The payment of {@code attempt} for the placed total. */
        public CapturePayment(
                OrderId orderId, PaymentMethod provider, String paymentReference, Money total, int attempt) {
            this(orderId, provider, paymentReference, total, attempt, null);
        }

        /** The first attempt's payment. */
        public CapturePayment(OrderId orderId, PaymentMethod provider, String paymentReference, Money total) {
            this(orderId, provider, paymentReference, total, 1);
        }
    }

    /**
     * Cancel a payment that was not captured, so it can no longer be paid (or its authorization is released);
     * {@code editId} as for {@link AuthorizePayment}.
     */
    record VoidPayment(OrderId orderId, PaymentMethod provider, String paymentReference, int attempt, String editId)
            implements PaymentRequest {
        public VoidPayment {
            Objects.requireNonNull(orderId, "orderId");
        }

        /** The payment of {@code attempt} for the placed total. */
        public VoidPayment(OrderId orderId, PaymentMethod provider, String paymentReference, int attempt) {
            this(orderId, provider, paymentReference, attempt, null);
        }

        /** The first attempt's payment. */
        public VoidPayment(OrderId orderId, PaymentMethod provider, String paymentReference) {
            this(orderId, provider, paymentReference, 1);
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
