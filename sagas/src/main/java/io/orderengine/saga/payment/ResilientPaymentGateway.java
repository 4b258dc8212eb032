package io.orderengine.saga.payment;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentMethod;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Wraps a gateway so transient failures are tried again with exponential backoff, behind a circuit breaker per
 * provider that stops calling a gateway that keeps failing. When the retries are used up, or the breaker is open,
 * the call fails with {@link PaymentGatewayException.Kind#UNAVAILABLE}; declines and rejections are not retried.
 * Retrying is safe because every call carries the idempotency key of its step. An open breaker moves to half-open
 * by itself after the policy's wait, and closes again when the trial calls pass.
 */
public final class ResilientPaymentGateway implements PaymentGateway {

    /** How hard to try: attempts per call, backoff between them, and when the breaker opens. */
    public record Policy(
            int maxAttempts,
            Duration initialBackoff,
            double backoffMultiplier,
            float failureRateThreshold,
            int slidingWindowSize,
            Duration openStateWait) {
        public Policy {
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        }

        /** Three attempts 200 ms and 400 ms apart; the breaker opens when half of the last 10 calls failed, for 30 s. */
        public static Policy defaults() {
            return new Policy(3, Duration.ofMillis(200), 2.0, 50f, 10, Duration.ofSeconds(30));
        }
    }

    private final PaymentGateway delegate;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;

    public ResilientPaymentGateway(PaymentGateway delegate, Policy policy) {
        this.delegate = delegate;
        String name = "payment-gateway-" + delegate.method().wireName();
        this.retry = Retry.of(
                name,
                RetryConfig.custom()
                        .maxAttempts(policy.maxAttempts())
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                policy.initialBackoff(), policy.backoffMultiplier()))
                        .retryOnException(ResilientPaymentGateway::isTransient)
                        .build());
        this.circuitBreaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(policy.failureRateThreshold())
                        .slidingWindowSize(policy.slidingWindowSize())
                        .minimumNumberOfCalls(Math.min(policy.slidingWindowSize(), 5))
                        .waitDurationInOpenState(policy.openStateWait())
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .recordException(ResilientPaymentGateway::isTransient)
                        .build());
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    @Override
    public PaymentMethod method() {
        return delegate.method();
    }

    @Override
    public PaymentSession authorize(AuthorizationRequest request) {
        return call("authorize", () -> delegate.authorize(request));
    }

    @Override
    public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
        return call("capture", () -> delegate.capture(paymentReference, amount, idempotencyKey));
    }

    @Override
    public void cancel(String paymentReference, String idempotencyKey) {
        call("cancel", () -> {
            delegate.cancel(paymentReference, idempotencyKey);
            return null;
        });
    }

    @Override
    public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
        return call("refund", () -> delegate.refund(paymentReference, amount, idempotencyKey));
    }

    @Override
    public GatewayPayment retrieve(String paymentReference) {
        return call("retrieve", () -> delegate.retrieve(paymentReference));
    }

    private <T> T call(String operation, Supplier<T> gatewayCall) {
        Supplier<T> guarded =
                Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, gatewayCall));
        try {
            return guarded.get();
        } catch (PaymentGatewayException e) {
            if (e.isTransient()) {
                throw PaymentGatewayException.unavailable(
                        delegate.method().wireName() + " " + operation + " failed "
                                + retry.getRetryConfig().getMaxAttempts() + " times: " + e.getMessage(),
                        e);
            }
            throw e;
        } catch (CallNotPermittedException e) {
            throw PaymentGatewayException.unavailable(
                    delegate.method().wireName() + " " + operation
                            + " not attempted: the gateway's circuit breaker is open",
                    e);
        } catch (RuntimeException e) {
            throw PaymentGatewayException.unavailable(
                    delegate.method().wireName() + " " + operation + " failed unexpectedly: " + e, e);
        }
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof PaymentGatewayException gatewayException && gatewayException.isTransient();
    }
}
