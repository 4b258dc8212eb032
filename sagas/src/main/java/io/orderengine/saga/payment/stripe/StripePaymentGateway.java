package io.orderengine.saga.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGateway;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stripe behind the payment port: a PaymentIntent with {@code capture_method=manual} per order (metadata
 * {@code order_id}), confirmed by the customer with Stripe.js, captured, cancelled or refunded by the engine.
 * Every call that changes money sends the step's {@code Idempotency-Key}. The client secret is never kept: the
 * action is {@code {"type":"stripe"}} and {@link #retrieve} reads the secret when the order is shown.
 */
public final class StripePaymentGateway implements PaymentGateway {

    static final String ORDER_ID = "order_id";
    static final String REFUND_KEY = "refund_key";
    static final int DEFAULT_TIMEOUT_MILLIS = 20_000;

    private final StripeClient stripe;

    StripePaymentGateway(StripeClient stripe) {
        this.stripe = stripe;
    }

    /** A gateway for the account of {@code secretKey}; {@code apiBase} points it elsewhere than api.stripe.com (null: Stripe). */
    public static StripePaymentGateway create(String secretKey, String apiBase) {
        return create(secretKey, apiBase, DEFAULT_TIMEOUT_MILLIS);
    }

    /**
     * As {@link #create(String, String)}, waiting at most {@code timeoutMillis} to connect and for each answer; a call
     * that times out is a transient failure (retried with the same idempotency key).
     */
    public static StripePaymentGateway create(String secretKey, String apiBase, int timeoutMillis) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(secretKey)
                .setMaxNetworkRetries(0)
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis);
        if (apiBase != null && !apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        return new StripePaymentGateway(builder.build());
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.STRIPE;
    }

    @Override
    public PaymentSession authorize(AuthorizationRequest request) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(request.amount().amountMinor())
                .setCurrency(request.amount().currency().toLowerCase(Locale.ROOT))
                .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
                .putMetadata(ORDER_ID, request.orderId().value());
        if (request.orderNumber() != null) {
            params.setDescription("Order " + request.orderNumber()).putMetadata("order_number", request.orderNumber());
        }
        PaymentIntent intent =
                call(() -> stripe.v1().paymentIntents().create(params.build(), key(request.idempotencyKey())));
        return new PaymentSession(intent.getId(), new PaymentAction("stripe", null, null));
    }

    @Override
    public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
        PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
                .setAmountToCapture(amount.amountMinor())
                .build();
        try {
            PaymentIntent intent =
                    call(() -> stripe.v1().paymentIntents().capture(paymentReference, params, key(idempotencyKey)));
            return captureOf(intent);
        } catch (PaymentGatewayException e) {
            if (e.kind() != PaymentGatewayException.Kind.REJECTED) {
                throw e;
            }
            PaymentIntent current = intent(paymentReference);
            if ("succeeded".equals(current.getStatus())) {
                return captureOf(current);
            }
            throw e;
        }
    }

    @Override
    public void cancel(String paymentReference, String idempotencyKey) {
        PaymentIntentCancelParams params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                .build();
        try {
            call(() -> stripe.v1().paymentIntents().cancel(paymentReference, params, key(idempotencyKey)));
        } catch (PaymentGatewayException e) {
            if (e.kind() != PaymentGatewayException.Kind.REJECTED
                    || !"canceled".equals(intent(paymentReference).getStatus())) {
                throw e;
            }
        }
    }

    @Override
    public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentReference)
                .setAmount(amount.amountMinor())
                .putMetadata(REFUND_KEY, idempotencyKey)
                .build();
        com.stripe.model.Refund refund = call(() -> stripe.v1().refunds().create(params, key(idempotencyKey)));
        return toRefund(refund);
    }

    @Override
    public GatewayPayment retrieve(String paymentReference) {
        PaymentIntent intent = intent(paymentReference);
        List<Refund> refunds = new ArrayList<>();
        if (intent.getLatestCharge() != null) {
            RefundListParams params = RefundListParams.builder()
                    .setPaymentIntent(paymentReference)
                    .setLimit(100L)
                    .build();
            for (com.stripe.model.Refund refund :
                    call(() -> stripe.v1().refunds().list(params)).getData()) {
                if ("succeeded".equals(refund.getStatus()) || "pending".equals(refund.getStatus())) {
                    refunds.add(toRefund(refund));
                }
            }
        }
        Charge charge = intent.getLatestChargeObject();
        Charge.PaymentMethodDetails.Card card = charge == null || charge.getPaymentMethodDetails() == null
                ? null
                : charge.getPaymentMethodDetails().getCard();
        String currency = intent.getCurrency().toUpperCase(Locale.ROOT);
        boolean captured = "succeeded".equals(intent.getStatus());
        return new GatewayPayment(
                intent.getId(),
                intent.getMetadata() == null ? null : intent.getMetadata().get(ORDER_ID),
                statusOf(intent.getStatus()),
                new Money(intent.getAmount(), currency),
                captured ? new Money(intent.getAmountReceived(), currency) : null,
                captured ? intent.getLatestCharge() : null,
                refunds,
                card == null ? null : card.getBrand(),
                card == null ? null : card.getLast4(),
                card == null || card.getCaptureBefore() == null ? null : Instant.ofEpochSecond(card.getCaptureBefore()),
                intent.getClientSecret(),
                intent.getLastPaymentError() == null
                        ? null
                        : intent.getLastPaymentError().getMessage());
    }

    private PaymentIntent intent(String paymentReference) {
        PaymentIntentRetrieveParams params =
                PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
        return call(() -> stripe.v1().paymentIntents().retrieve(paymentReference, params, RequestOptions.getDefault()));
    }

    private static Capture captureOf(PaymentIntent intent) {
        if (!"succeeded".equals(intent.getStatus()) || intent.getLatestCharge() == null) {
            throw PaymentGatewayException.rejected(
                    "payment intent " + intent.getId() + " is " + intent.getStatus() + " after capture", null);
        }
        return new Capture(
                intent.getLatestCharge(),
                new Money(intent.getAmountReceived(), intent.getCurrency().toUpperCase(Locale.ROOT)));
    }

    private static Refund toRefund(com.stripe.model.Refund refund) {
        String key = refund.getMetadata() == null ? null : refund.getMetadata().get(REFUND_KEY);
        return new Refund(
                refund.getId(),
                new Money(refund.getAmount(), refund.getCurrency().toUpperCase(Locale.ROOT)),
                IdempotencyKeys.refundIdOf(key));
    }

    static GatewayPaymentStatus statusOf(String stripeStatus) {
        return switch (stripeStatus) {
            case "requires_capture" -> GatewayPaymentStatus.AUTHORIZED;
            case "succeeded" -> GatewayPaymentStatus.CAPTURED;
            case "canceled" -> GatewayPaymentStatus.CANCELLED;
            default -> GatewayPaymentStatus.AWAITING_CUSTOMER;
        };
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    /** A Stripe call whose failure is translated into what the engine can do about it. */
    @FunctionalInterface
    private interface StripeCall<T> {
        T run() throws StripeException;
    }

    private static <T> T call(StripeCall<T> call) {
        try {
            return call.run();
        } catch (CardException e) {
            throw PaymentGatewayException.declined("stripe declined: " + e.getMessage());
        } catch (RateLimitException | ApiConnectionException | ApiException | AuthenticationException e) {
            throw PaymentGatewayException.transientFailure("stripe: " + e.getMessage(), e);
        } catch (StripeException e) {
            Integer status = e.getStatusCode();
            if (status == null || status >= 500 || status == 409 || status == 429) {
                throw PaymentGatewayException.transientFailure("stripe: " + e.getMessage(), e);
            }
            throw PaymentGatewayException.rejected("stripe rejected the request: " + e.getMessage(), e);
        }
    }
}
