package io.orderengine.saga.payment.paypal;

import com.paypal.core.PayPalEnvironment;
import com.paypal.core.PayPalHttpClient;
import com.paypal.http.HttpRequest;
import com.paypal.http.exceptions.HttpException;
import com.paypal.orders.AmountWithBreakdown;
import com.paypal.orders.ApplicationContext;
import com.paypal.orders.AuthorizeRequest;
import com.paypal.orders.LinkDescription;
import com.paypal.orders.Order;
import com.paypal.orders.OrderRequest;
import com.paypal.orders.OrdersAuthorizeRequest;
import com.paypal.orders.OrdersCreateRequest;
import com.paypal.orders.OrdersGetRequest;
import com.paypal.orders.PaymentCollection;
import com.paypal.orders.PurchaseUnit;
import com.paypal.orders.PurchaseUnitRequest;
import com.paypal.payments.AuthorizationsCaptureRequest;
import com.paypal.payments.AuthorizationsVoidRequest;
import com.paypal.payments.CaptureRequest;
import com.paypal.payments.CapturesRefundRequest;
import com.paypal.payments.RefundRequest;
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
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * PayPal behind the payment port, through the Orders v2 API: an order with intent AUTHORIZE per engine order
 * (purchase unit {@code custom_id} = order id), approved by the buyer at PayPal's approve link; the engine then
 * authorizes it, captures the authorization, voids it, or refunds the capture. Every call that changes money sends
 * the step's {@code PayPal-Request-Id}, so PayPal answers a repeated call with the first result. The order carries the
 * return and cancel URLs of {@link PayPalReturnUrls}: PayPal sends the buyer back to the engine's order page.
 */
public final class PayPalPaymentGateway implements PaymentGateway {

    static final String REQUEST_ID = "PayPal-Request-Id";
    static final int DEFAULT_TIMEOUT_MILLIS = 20_000;

    private final PayPalHttpClient paypal;
    private final PayPalReturnUrls returnUrls;

    PayPalPaymentGateway(PayPalHttpClient paypal, PayPalReturnUrls returnUrls) {
        this.paypal = paypal;
        this.returnUrls = returnUrls;
    }

    /** A gateway for the REST app of {@code clientId}; {@code baseUrl} null means PayPal's live API. */
    public static PayPalPaymentGateway create(String clientId, String clientSecret, String baseUrl) {
        return create(clientId, clientSecret, baseUrl, DEFAULT_TIMEOUT_MILLIS);
    }

    /**
     * As {@link #create(String, String, String)}, waiting at most {@code timeoutMillis} to connect and for each answer;
     * a call that times out is a transient failure (retried with the same PayPal-Request-Id).
     */
    public static PayPalPaymentGateway create(String clientId, String clientSecret, String baseUrl, int timeoutMillis) {
        return create(clientId, clientSecret, baseUrl, timeoutMillis, null);
    }

    /**
     * As {@link #create(String, String, String, int)}; each PayPal order carries the return and cancel URLs of
     * {@code returnUrls} (none when null: PayPal then leaves the buyer on its own page).
     */
    public static PayPalPaymentGateway create(
            String clientId, String clientSecret, String baseUrl, int timeoutMillis, PayPalReturnUrls returnUrls) {
        PayPalHttpClient client = new PayPalHttpClient(environment(clientId, clientSecret, baseUrl));
        client.setConnectTimeout(timeoutMillis);
        client.setReadTimeout(timeoutMillis);
        return new PayPalPaymentGateway(client, returnUrls);
    }

    static PayPalEnvironment environment(String clientId, String clientSecret, String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return new PayPalEnvironment.Live(clientId, clientSecret);
        }
        return new PayPalEnvironment(clientId, clientSecret, baseUrl, baseUrl);
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.PAYPAL;
    }

    @Override
    public PaymentSession authorize(AuthorizationRequest request) {
        PurchaseUnitRequest unit = new PurchaseUnitRequest()
                .referenceId(request.orderId().value())
                .customId(request.orderId().value())
                .amountWithBreakdown(new AmountWithBreakdown()
                        .currencyCode(request.amount().currency())
                        .value(PayPalAmounts.toDecimal(request.amount())));
        if (request.orderNumber() != null) {
            unit.invoiceId(request.orderNumber()).description("Order " + request.orderNumber());
        }
        OrdersCreateRequest create = new OrdersCreateRequest();
        create.prefer("return=representation");
        create.header(REQUEST_ID, request.idempotencyKey());
        OrderRequest body =
                new OrderRequest().checkoutPaymentIntent("AUTHORIZE").purchaseUnits(List.of(unit));
        if (returnUrls != null) {
            body.applicationContext(new ApplicationContext()
                    .returnUrl(returnUrls.approved(request.orderId()))
                    .cancelUrl(returnUrls.cancelled(request.orderId())));
        }
        create.requestBody(body);
        Order order = execute(create);
        String approveUrl = link(order.links(), "approve");
        if (approveUrl == null) {
            approveUrl = link(order.links(), "payer-action");
        }
        return new PaymentSession(order.id(), new PaymentAction("paypal", approveUrl, null));
    }

    @Override
    public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
        Order order = order(paymentReference);
        com.paypal.orders.Capture existing = completedCapture(order);
        if (existing != null) {
            return new Capture(
                    existing.id(),
                    PayPalAmounts.toMoney(
                            existing.amount().value(), existing.amount().currencyCode()));
        }
        com.paypal.orders.Authorization authorization = authorization(order);
        if (authorization == null) {
            if (!"APPROVED".equals(order.status())) {
                throw PaymentGatewayException.rejected(
                        "paypal order " + paymentReference + " is " + order.status()
                                + "; the buyer has not approved it",
                        null);
            }
            OrdersAuthorizeRequest authorize = new OrdersAuthorizeRequest(paymentReference);
            authorize.prefer("return=representation");
            authorize.payPalRequestId(idempotencyKey + ":authorize");
            authorize.requestBody(new AuthorizeRequest());
            authorization = authorization(execute(authorize));
            if (authorization == null) {
                throw PaymentGatewayException.declined("paypal did not authorize order " + paymentReference);
            }
        }
        if ("DENIED".equals(authorization.status())) {
            throw PaymentGatewayException.declined("paypal denied the authorization of order " + paymentReference);
        }
        AuthorizationsCaptureRequest capture = new AuthorizationsCaptureRequest(authorization.id());
        capture.prefer("return=representation");
        capture.payPalRequestId(idempotencyKey);
        capture.requestBody(new CaptureRequest()
                .finalCapture(true)
                .amount(new com.paypal.payments.Money()
                        .currencyCode(amount.currency())
                        .value(PayPalAmounts.toDecimal(amount))));
        com.paypal.payments.Capture captured = execute(capture);
        if ("DECLINED".equals(captured.status()) || "FAILED".equals(captured.status())) {
            throw PaymentGatewayException.declined("paypal declined the capture of order " + paymentReference);
        }
        return new Capture(captured.id(), amount);
    }

    @Override
    public void cancel(String paymentReference, String idempotencyKey) {
        Order order = order(paymentReference);
        if (completedCapture(order) != null) {
            throw PaymentGatewayException.rejected(
                    "paypal order " + paymentReference + " was captured; refund it instead", null);
        }
        com.paypal.orders.Authorization authorization = authorization(order);
        if (authorization == null || !"CREATED".equals(authorization.status())) {
            // An order the engine never authorized cannot be paid: only the engine's authorize call takes the money.
            return;
        }
        AuthorizationsVoidRequest voidRequest = new AuthorizationsVoidRequest(authorization.id());
        voidRequest.header(REQUEST_ID, idempotencyKey);
        execute(voidRequest);
    }

    @Override
    public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
        com.paypal.orders.Capture captured = completedCapture(order(paymentReference));
        if (captured == null) {
            throw PaymentGatewayException.rejected(
                    "paypal order " + paymentReference + " has no completed capture", null);
        }
        CapturesRefundRequest refund = new CapturesRefundRequest(captured.id());
        refund.prefer("return=representation");
        refund.payPalRequestId(idempotencyKey);
        refund.requestBody(new RefundRequest()
                .invoiceId(idempotencyKey)
                .amount(new com.paypal.payments.Money()
                        .currencyCode(amount.currency())
                        .value(PayPalAmounts.toDecimal(amount))));
        com.paypal.payments.Refund refunded = execute(refund);
        return new Refund(refunded.id(), amount, IdempotencyKeys.refundIdOf(idempotencyKey));
    }

    @Override
    public GatewayPayment retrieve(String paymentReference) {
        Order order = order(paymentReference);
        PurchaseUnit unit =
                order.purchaseUnits() == null || order.purchaseUnits().isEmpty()
                        ? null
                        : order.purchaseUnits().get(0);
        Money amount = unit == null || unit.amountWithBreakdown() == null
                ? null
                : PayPalAmounts.toMoney(
                        unit.amountWithBreakdown().value(),
                        unit.amountWithBreakdown().currencyCode());
        com.paypal.orders.Authorization authorization = authorization(order);
        com.paypal.orders.Capture captured = completedCapture(order);
        List<Refund> refunds = new ArrayList<>();
        PaymentCollection payments = unit == null ? null : unit.payments();
        if (payments != null && payments.refunds() != null) {
            for (com.paypal.orders.Refund refund : payments.refunds()) {
                if (!"CANCELLED".equals(refund.status()) && !"FAILED".equals(refund.status())) {
                    refunds.add(new Refund(
                            refund.id(),
                            PayPalAmounts.toMoney(
                                    refund.amount().value(), refund.amount().currencyCode()),
                            IdempotencyKeys.refundIdOf(refund.invoiceId())));
                }
            }
        }
        return new GatewayPayment(
                order.id(),
                unit == null ? null : unit.customId(),
                statusOf(order, authorization, captured),
                amount,
                captured == null
                        ? null
                        : PayPalAmounts.toMoney(
                                captured.amount().value(), captured.amount().currencyCode()),
                captured == null ? null : captured.id(),
                refunds,
                "paypal",
                null,
                authorization == null ? null : instant(authorization.expirationTime()),
                null,
                null);
    }

    private static GatewayPaymentStatus statusOf(
            Order order, com.paypal.orders.Authorization authorization, com.paypal.orders.Capture captured) {
        if (captured != null) {
            return GatewayPaymentStatus.CAPTURED;
        }
        if (authorization != null) {
            return switch (authorization.status()) {
                case "VOIDED", "EXPIRED" -> GatewayPaymentStatus.CANCELLED;
                case "DENIED" -> GatewayPaymentStatus.DECLINED;
                default -> GatewayPaymentStatus.AUTHORIZED;
            };
        }
        return switch (order.status()) {
            case "APPROVED" -> GatewayPaymentStatus.AUTHORIZED;
            case "VOIDED" -> GatewayPaymentStatus.CANCELLED;
            default -> GatewayPaymentStatus.AWAITING_CUSTOMER;
        };
    }

    private Order order(String paymentReference) {
        return execute(new OrdersGetRequest(paymentReference));
    }

    private static com.paypal.orders.Authorization authorization(Order order) {
        PaymentCollection payments = payments(order);
        return payments == null
                        || payments.authorizations() == null
                        || payments.authorizations().isEmpty()
                ? null
                : payments.authorizations().get(0);
    }

    private static com.paypal.orders.Capture completedCapture(Order order) {
        PaymentCollection payments = payments(order);
        if (payments == null || payments.captures() == null) {
            return null;
        }
        return payments.captures().stream()
                .filter(c -> "COMPLETED".equals(c.status())
                        || "PARTIALLY_REFUNDED".equals(c.status())
                        || "REFUNDED".equals(c.status())
                        || "PENDING".equals(c.status()))
                .findFirst()
                .orElse(null);
    }

    private static PaymentCollection payments(Order order) {
        return order.purchaseUnits() == null || order.purchaseUnits().isEmpty()
                ? null
                : order.purchaseUnits().get(0).payments();
    }

    private static String link(List<LinkDescription> links, String rel) {
        if (links == null) {
            return null;
        }
        return links.stream()
                .filter(l -> rel.equals(l.rel()))
                .map(LinkDescription::href)
                .findFirst()
                .orElse(null);
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private <T> T execute(HttpRequest<T> request) {
        try {
            return paypal.execute(request).result();
        } catch (HttpException e) {
            throw PayPalFailures.translate(e);
        } catch (IOException e) {
            throw PaymentGatewayException.transientFailure("paypal unreachable: " + e.getMessage(), e);
        }
    }
}
