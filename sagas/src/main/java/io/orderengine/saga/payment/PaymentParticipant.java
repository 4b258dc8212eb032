package io.orderengine.saga.payment;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.ledger.PaymentLedger.RefundablePayment;
import io.orderengine.saga.payment.PaymentReply.AuthorizationRefused;
import io.orderengine.saga.payment.PaymentReply.AuthorizationReply;
import io.orderengine.saga.payment.PaymentReply.AuthorizationUnavailable;
import io.orderengine.saga.payment.PaymentReply.Authorized;
import io.orderengine.saga.payment.PaymentReply.CaptureRefused;
import io.orderengine.saga.payment.PaymentReply.CaptureReply;
import io.orderengine.saga.payment.PaymentReply.CaptureUnavailable;
import io.orderengine.saga.payment.PaymentReply.Captured;
import io.orderengine.saga.payment.PaymentReply.RefundFailed;
import io.orderengine.saga.payment.PaymentReply.RefundReply;
import io.orderengine.saga.payment.PaymentReply.Refunded;
import io.orderengine.saga.payment.PaymentReply.VoidRefused;
import io.orderengine.saga.payment.PaymentReply.VoidReply;
import io.orderengine.saga.payment.PaymentReply.VoidUnavailable;
import io.orderengine.saga.payment.PaymentReply.Voided;
import io.orderengine.saga.payment.PaymentRequest.AuthorizePayment;
import io.orderengine.saga.payment.PaymentRequest.CapturePayment;
import io.orderengine.saga.payment.PaymentRequest.RefundPayment;
import io.orderengine.saga.payment.PaymentRequest.VoidPayment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkout's payment participant: the only part of the checkout that talks to a payment provider or writes the
 * {@link PaymentLedger}. It takes a {@link PaymentRequest}, calls the order's gateway (behind its retries and circuit
 * breaker, see {@link ResilientPaymentGateway}) with the step's idempotency key from {@link IdempotencyKeys}, records
 * the money that moved, and answers with a {@link PaymentReply} instead of an exception, so the saga decides only
 * what comes next. A failure of the ledger itself (the store) is thrown: the saga's step then runs again, and the
 * idempotency key makes the gateway answer with the first result.
 */
public class PaymentParticipant {

    private static final Logger log = LoggerFactory.getLogger(PaymentParticipant.class);

    private final PaymentGateways gateways;
    private final PaymentLedger ledger;

    public PaymentParticipant(PaymentGateways gateways, PaymentLedger ledger) {
        this.gateways = gateways;
        this.ledger = ledger;
    }

    /** Any of the requests, answered with the reply of its family. */
    public PaymentReply handle(PaymentRequest request) {
        if (request instanceof AuthorizePayment authorize) {
            return authorize(authorize);
        }
        if (request instanceof CapturePayment capture) {
            return capture(capture);
        }
        if (request instanceof VoidPayment cancel) {
            return cancel(cancel);
        }
        return refund((RefundPayment) request);
    }

    public AuthorizationReply authorize(AuthorizePayment request) {
        return authorize(request, IdempotencyKeys.authorize(request.orderId(), request.attempt(), request.editId()));
    }

    /** Sets up a payment under a key of the caller's (an edit's balance: {@link IdempotencyKeys#balance}). */
    public AuthorizationReply authorize(AuthorizePayment request, String idempotencyKey) {
        try {
            PaymentSession session = gateway(request.provider())
                    .authorize(new AuthorizationRequest(
                            request.orderId(), request.orderNumber(), request.total(), idempotencyKey));
            return new Authorized(session);
        } catch (PaymentGatewayException e) {
            return e.kind() == PaymentGatewayException.Kind.UNAVAILABLE
                    ? new AuthorizationUnavailable(e.getMessage())
                    : new AuthorizationRefused(e.getMessage());
        }
    }

    /** Captures the whole total and records it in the ledger (once per capture reference, whoever reports it first). */
    public CaptureReply capture(CapturePayment request) {
        return capture(request, IdempotencyKeys.capture(request.orderId(), request.attempt(), request.editId()));
    }

    /** Captures under a key of the caller's (an edit's balance), like {@link #capture(CapturePayment)}. */
    public CaptureReply capture(CapturePayment request, String idempotencyKey) {
        Capture capture;
        try {
            capture = gateway(request.provider()).capture(request.paymentReference(), request.total(), idempotencyKey);
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.UNAVAILABLE) {
                return new CaptureUnavailable(e.getMessage());
            }
            Optional<Capture> held = capturedElsewhere(request);
            if (held.isEmpty()) {
                return new CaptureRefused(e.getMessage());
            }
            capture = held.get();
        }
        ledger.recordCapture(
                request.provider(),
                capture.captureReference(),
                request.orderId(),
                request.paymentReference(),
                capture.amount());
        return new Captured(capture);
    }

    public VoidReply cancel(VoidPayment request) {
        return cancel(request, IdempotencyKeys.cancel(request.orderId(), request.attempt(), request.editId()));
    }

    /** Voids under a key of the caller's (an edit's balance), like {@link #cancel(VoidPayment)}. */
    public VoidReply cancel(VoidPayment request, String idempotencyKey) {
        try {
            gateway(request.provider()).cancel(request.paymentReference(), idempotencyKey);
            return new Voided();
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.UNAVAILABLE) {
                return new VoidUnavailable(e.getMessage());
            }
            log.warn(
                    "order {}: gateway refused to cancel payment {}: {}",
                    request.orderId(),
                    request.paymentReference(),
                    e.getMessage());
            return new VoidRefused(e.getMessage());
        }
    }

    /** Refunds from the payment {@code request} names and records the refund in the ledger. */
    public RefundReply refund(RefundPayment request) {
        return refund(request, IdempotencyKeys.refund(request.orderId(), request.refundId()));
    }

    /**
     * Refunds {@code request.amount()} across the order's captured payments: first the other payments than the one
     * the request names (an edit's balance payments, the latest first), each at most what it has left (captured −
     * refunded, see {@link PaymentLedger#refundablePayments}), then the rest from the named (first) payment under
     * the key it always had. Each part has a key naming its payment ({@link IdempotencyKeys#refund(
     * io.orderengine.messages.common.OrderId, String, String)}) and is recorded with the refund id, so running the
     * same refund again finds the same split and the gateway answers each part with its first result. The replies
     * come in that order and stop at the first failed part.
     */
    public List<RefundReply> refundAcrossPayments(RefundPayment request) {
        List<RefundablePayment> others = new ArrayList<>(
                ledger.refundablePayments(request.provider(), request.orderId(), request.refundId()).stream()
                        .filter(payment -> !payment.paymentReference().equals(request.paymentReference()))
                        .toList());
        Collections.reverse(others);
        List<RefundReply> replies = new ArrayList<>();
        Money remaining = request.amount();
        for (RefundablePayment payment : others) {
            long part = Math.min(remaining.amountMinor(), payment.left().amountMinor());
            if (part <= 0 || !payment.left().currency().equals(remaining.currency())) {
                continue;
            }
            Money amount = new Money(part, remaining.currency());
            RefundReply reply = refund(
                    new RefundPayment(
                            request.orderId(),
                            request.provider(),
                            payment.paymentReference(),
                            request.refundId(),
                            amount),
                    IdempotencyKeys.refund(request.orderId(), request.refundId(), payment.paymentReference()));
            replies.add(reply);
            if (reply instanceof RefundFailed) {
                return replies;
            }
            remaining = remaining.minus(amount);
        }
        if (remaining.amountMinor() > 0) {
            replies.add(refund(new RefundPayment(
                    request.orderId(), request.provider(), request.paymentReference(), request.refundId(), remaining)));
        }
        return replies;
    }

    private RefundReply refund(RefundPayment request, String idempotencyKey) {
        Refund refund;
        try {
            refund = gateway(request.provider()).refund(request.paymentReference(), request.amount(), idempotencyKey);
        } catch (PaymentGatewayException e) {
            return new RefundFailed(e.getMessage());
        }
        ledger.recordRefund(
                request.provider(),
                refund.refundReference(),
                request.orderId(),
                request.paymentReference(),
                refund.amount(),
                request.refundId());
        return new Refunded(refund);
    }

    /** When the gateway says the authorization of a payment expires; empty when it does not say or cannot be asked. */
    public Optional<Instant> captureBefore(PaymentMethod provider, String paymentReference) {
        try {
            return Optional.ofNullable(
                    gateway(provider).retrieve(paymentReference).captureBefore());
        } catch (PaymentGatewayException e) {
            log.warn("could not read the authorization expiry of payment {}: {}", paymentReference, e.getMessage());
            return Optional.empty();
        }
    }

    /** The capture the gateway already holds (e.g. reported by a webhook before the saga got here). */
    private Optional<Capture> capturedElsewhere(CapturePayment request) {
        try {
            GatewayPayment payment = gateway(request.provider()).retrieve(request.paymentReference());
            if (payment.status() == GatewayPaymentStatus.CAPTURED && payment.captureReference() != null) {
                return Optional.of(new Capture(payment.captureReference(), payment.captured()));
            }
        } catch (PaymentGatewayException e) {
            log.warn(
                    "order {}: could not read payment {}: {}",
                    request.orderId(),
                    request.paymentReference(),
                    e.getMessage());
        }
        return Optional.empty();
    }

    private PaymentGateway gateway(PaymentMethod provider) {
        return gateways.gateway(provider);
    }
}
