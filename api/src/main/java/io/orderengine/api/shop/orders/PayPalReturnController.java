package io.orderengine.api.shop.orders;

import io.orderengine.api.security.Caller;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.paypal.PayPalReturns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The buyer is back from PayPal on the order page: {@code POST /api/v1/orders/{id}/paypal-returns}
 * {@code {"paypalOrderId","outcome":"approved|cancelled"}} by the order's owner or a guest with its token (anyone
 * else: 404). The PayPal order must be the order's current payment (409 {@code paypal-order-mismatch} otherwise); the
 * engine then asks PayPal where it stands and records that ({@link PayPalReturns}): approved → authorized, and the
 * checkout saga captures; cancelled while PayPal still waits for the buyer → the attempt failed, and the page offers
 * "Try again". An order that no longer waits for payment is answered with {@code "recorded":"nothing"}.
 */
@RestController
@Validated
class PayPalReturnController {

    private final OrderAccess access;
    private final ObjectProvider<PayPalReturns> returns;

    PayPalReturnController(OrderAccess access, ObjectProvider<PayPalReturns> returns) {
        this.access = access;
        this.returns = returns;
    }

    record PayPalReturnRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "[A-Za-z0-9-]{1,64}")
            String paypalOrderId,

            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "approved|cancelled")
            String outcome) {}

    /** {@code recorded}: {@code authorized}, {@code cancelled} or {@code nothing}. */
    record PayPalReturnAnswer(String orderId, String recorded) {}

    @PostMapping("/api/v1/orders/{id}/paypal-returns")
    PayPalReturnAnswer returned(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            @Valid @RequestBody PayPalReturnRequest request,
            Authentication authentication) {
        OrderView order = access.readable(id, token, Caller.from(authentication));
        PayPalReturns paypal = returns.getIfAvailable();
        OrderView.Payment payment = order.payment();
        if (paypal == null
                || !"paypal".equals(order.paymentMethod())
                || payment == null
                || !request.paypalOrderId().equals(payment.reference())) {
            throw mismatch();
        }
        if (order.status() != OrderStatus.AWAITING_PAYMENT && order.paymentStatus() != PaymentStatus.PARTIALLY_PAID) {
            return new PayPalReturnAnswer(order.orderId(), "nothing");
        }
        PayPalReturns.Outcome outcome =
                PayPalReturns.Outcome.valueOf(request.outcome().toUpperCase(Locale.ROOT));
        try {
            PayPalReturns.Recorded recorded =
                    paypal.returned(new OrderId(order.orderId()), request.paypalOrderId(), outcome);
            return new PayPalReturnAnswer(order.orderId(), recorded.name().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw mismatch();
        } catch (PaymentGatewayException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "payment-provider-unavailable",
                    "PayPal could not be asked about this payment just now; the order page keeps checking.");
        }
    }

    private static ApiException mismatch() {
        return new ApiException(
                HttpStatus.CONFLICT,
                "paypal-order-mismatch",
                "That PayPal payment is not the current payment of this order.");
    }
}
