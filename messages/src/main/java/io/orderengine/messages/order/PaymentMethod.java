package io.orderengine.messages.order;

import java.util.Locale;

/** How the customer chose to pay. */
public enum PaymentMethod {
    SANDBOX,
    STRIPE,
    PAYPAL;

    /** The lower-case name used on the wire ({@code "sandbox"}, {@code "stripe"}, {@code "paypal"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentMethod fromWire(String value) {
        for (PaymentMethod method : values()) {
            if (method.wireName().equals(value)) {
                return method;
            }
        }
        throw new IllegalArgumentException("paymentMethod must be one of sandbox, stripe, paypal, got '" + value + "'");
    }
}
