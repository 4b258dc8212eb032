package io.orderengine.saga.payment;

import java.util.Objects;

/**
 * The {@link PaymentParticipant}'s answer to a {@link PaymentRequest}, one family per request. "Unavailable" means
 * the gateway's retries were used up or its circuit breaker is open (a human has to look, the step can be retried
 * with the same idempotency key); "refused" means the gateway or the payment method said no, and asking again
 * will not help.
 */
public sealed interface PaymentReply {

    /** Answers to {@link PaymentRequest.AuthorizePayment}. */
    sealed interface AuthorizationReply extends PaymentReply {}

    /** Answers to {@link PaymentRequest.CapturePayment}. */
    sealed interface CaptureReply extends PaymentReply {}

    /** Answers to {@link PaymentRequest.VoidPayment}. */
    sealed interface VoidReply extends PaymentReply {}

    /** Answers to {@link PaymentRequest.RefundPayment}. */
    sealed interface RefundReply extends PaymentReply {}

    /** The payment exists at the gateway; {@code session} says what the customer must do to authorize it. */
    record Authorized(PaymentSession session) implements AuthorizationReply {
        public Authorized {
            Objects.requireNonNull(session, "session");
        }
    }

    record AuthorizationUnavailable(String reason) implements AuthorizationReply {}

    /** The payment could not be set up (provider not configured, request rejected, method declined). */
    record AuthorizationRefused(String reason) implements AuthorizationReply {}

    /**
     * The money is taken and in the ledger. Also the answer when the gateway refused the capture because it already
     * holds one (e.g. reported by a webhook first): then {@code capture} is the one the gateway holds.
     */
    record Captured(Capture capture) implements CaptureReply {
        public Captured {
            Objects.requireNonNull(capture, "capture");
        }
    }

    record CaptureUnavailable(String reason) implements CaptureReply {}

    /** The gateway refused the capture and holds none: the payment failed. */
    record CaptureRefused(String reason) implements CaptureReply {}

    /** The payment is cancelled at the gateway. */
    record Voided() implements VoidReply {}

    /** The gateway refused to cancel (e.g. already cancelled, declined or expired): nothing left to pay there. */
    record VoidRefused(String reason) implements VoidReply {}

    record VoidUnavailable(String reason) implements VoidReply {}

    /** The money is given back and in the ledger. */
    record Refunded(Refund refund) implements RefundReply {
        public Refunded {
            Objects.requireNonNull(refund, "refund");
        }
    }

    /** The refund failed, whatever the reason: it stays owed until a retry makes it. */
    record RefundFailed(String reason) implements RefundReply {}
}
