package io.orderengine.saga.payment.paypal;

import io.orderengine.messages.common.OrderId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where PayPal sends the buyer back: the order page ({@code <base>/order.html?id=<order id>}) with
 * {@code paypal=approved} after the buyer approved the payment, or {@code paypal=cancelled} when they cancelled at
 * PayPal. PayPal appends its own {@code token} (its order id) and, on approval, {@code PayerID}. The page then asks
 * the engine to check the PayPal order ({@link PayPalReturns}); the return URL alone proves nothing.
 */
public final class PayPalReturnUrls {

    public static final String APPROVED = "approved";
    public static final String CANCELLED = "cancelled";

    private final Supplier<String> baseUrl;

    /** {@code baseUrl} is asked at each order: the engine's own port is only known once its web server runs. */
    public PayPalReturnUrls(Supplier<String> baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    public String approved(OrderId orderId) {
        return page(orderId, APPROVED);
    }

    public String cancelled(OrderId orderId) {
        return page(orderId, CANCELLED);
    }

    private String page(OrderId orderId, String outcome) {
        return baseUrl.get() + "/order.html?id=" + URLEncoder.encode(orderId.value(), StandardCharsets.UTF_8)
                + "&paypal=" + outcome;
    }
}
