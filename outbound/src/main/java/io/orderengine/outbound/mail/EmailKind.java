package io.orderengine.outbound.mail;

/** The emails a customer gets about an order; {@link #template()} names the HTML and text templates. */
public enum EmailKind {
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_SHIPPED("order-shipped"),
    ORDER_CANCELLED("order-cancelled"),
    ORDER_REFUNDED("order-refunded");

    private final String template;

    EmailKind(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }
}
