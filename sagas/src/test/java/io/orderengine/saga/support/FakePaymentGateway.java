package io.orderengine.saga.support;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.PaymentGateway;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A scripted gateway for saga tests: answers every call, records it with its idempotency key, and fails an operation on demand. */
public final class FakePaymentGateway implements PaymentGateway {

    /** The calls a test can make fail. */
    public enum Operation {
        AUTHORIZE,
        CAPTURE,
        CANCEL,
        REFUND,
        RETRIEVE
    }

    /** One call made to the gateway. */
    public record Call(Operation operation, String paymentReference, Money amount, String idempotencyKey) {}

    public static final String PAYMENT_REFERENCE = "pay_123";
    public static final String CAPTURE_REFERENCE = "cap_123";

    private final PaymentMethod method;
    private final List<Call> calls = new ArrayList<>();
    private final Map<Operation, PaymentGatewayException> failures = new EnumMap<>(Operation.class);
    private final java.util.Set<String> refundsFailingOf = new java.util.HashSet<>();
    private Instant captureBefore;
    private Capture heldCapture;

    public FakePaymentGateway(PaymentMethod method) {
        this.method = method;
    }

    public void failing(Operation operation, PaymentGatewayException.Kind kind) {
        failures.put(
                operation,
                new PaymentGatewayException(
                        kind, operation.name().toLowerCase() + " failed at the fake gateway", null));
    }

    public void recovered(Operation operation) {
        failures.remove(operation);
        refundsFailingOf.clear();
    }

    /** Refunds of {@code paymentReference} only fail as unavailable (until {@link #recovered}). */
    public void refundsFailingOf(String paymentReference) {
        refundsFailingOf.add(paymentReference);
    }

    public void authorizationValidUntil(Instant captureBefore) {
        this.captureBefore = captureBefore;
    }

    /** The gateway already holds {@code capture} (e.g. taken through a webhook path): retrieve reports it. */
    public void alreadyCaptured(Capture capture) {
        this.heldCapture = capture;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(Operation operation) {
        return calls.stream().filter(c -> c.operation() == operation).toList();
    }

    @Override
    public PaymentMethod method() {
        return method;
    }

    @Override
    public PaymentSession authorize(AuthorizationRequest request) {
        record(Operation.AUTHORIZE, null, request.amount(), request.idempotencyKey());
        String reference = paymentReferenceOf(request.idempotencyKey());
        return new PaymentSession(
                reference, new PaymentAction(method.wireName(), "/api/v1/payments/sandbox/" + reference, null));
    }

    /** {@link #PAYMENT_REFERENCE} for the first attempt's key, {@code pay_123_<n>} for attempt n's. */
    public static String paymentReferenceOf(String authorizeKey) {
        int at = authorizeKey.indexOf(":authorize:");
        return at < 0
                ? PAYMENT_REFERENCE
                : PAYMENT_REFERENCE + "_" + authorizeKey.substring(at + ":authorize:".length());
    }

    @Override
    public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
        record(Operation.CAPTURE, paymentReference, amount, idempotencyKey);
        return new Capture(CAPTURE_REFERENCE, amount);
    }

    @Override
    public void cancel(String paymentReference, String idempotencyKey) {
        record(Operation.CANCEL, paymentReference, null, idempotencyKey);
    }

    @Override
    public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
        record(Operation.REFUND, paymentReference, amount, idempotencyKey);
        if (refundsFailingOf.contains(paymentReference)) {
            throw PaymentGatewayException.transientFailure("refunds of " + paymentReference + " fail", null);
        }
        // one reference per key: the refund id, and the payment a split refund's part names
        int refundAt = idempotencyKey.indexOf(":refund:");
        String id = refundAt < 0
                ? idempotencyKey.substring(idempotencyKey.lastIndexOf(':') + 1)
                : idempotencyKey.substring(refundAt + ":refund:".length()).replace(':', '-');
        return new Refund("re_" + id, amount, null);
    }

    @Override
    public GatewayPayment retrieve(String paymentReference) {
        record(Operation.RETRIEVE, paymentReference, null, null);
        if (heldCapture != null) {
            return new GatewayPayment(
                    paymentReference,
                    null,
                    GatewayPaymentStatus.CAPTURED,
                    heldCapture.amount(),
                    heldCapture.amount(),
                    heldCapture.captureReference(),
                    List.of(),
                    null,
                    null,
                    captureBefore,
                    null,
                    null);
        }
        return new GatewayPayment(
                paymentReference,
                null,
                GatewayPaymentStatus.AUTHORIZED,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                captureBefore,
                null,
                null);
    }

    private void record(Operation operation, String paymentReference, Money amount, String idempotencyKey) {
        calls.add(new Call(operation, paymentReference, amount, idempotencyKey));
        PaymentGatewayException failure = failures.get(operation);
        if (failure != null) {
            throw failure;
        }
    }
}
