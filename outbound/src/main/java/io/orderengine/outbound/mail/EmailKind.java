package io.orderengine.outbound.mail;

/** The emails a customer gets about an order; {@link #template()} names the HTML and text templates. */
public enum EmailKind {
    ORDER_RECEIVED("order-received"),
    ORDER_CONFIRMED("order-confirmed"),
    ORDER_SHIPPED("order-shipped"),
    ORDER_CANCELLED("order-cancelled"),
    ORDER_REFUNDED("order-refunded"),
    /** The order was edited before shipping: the changes' outcome, the new totals, the refund of a lower total or the balance due. */
    ORDER_EDITED("order-edited"),
    /** An edit whose balance was not paid was undone: the order as it was before. */
    ORDER_EDIT_ROLLED_BACK("order-edit-rolled-back"),
    /** One shipment arrived (one e-mail per shipment). */
    ORDER_DELIVERED("order-delivered"),
    /** The shop received units of a return; the refund e-mail follows when the gateway gave the money back. */
    RETURN_RECEIVED("order-return-received"),
    /** Not about one event: the guest links of an address's recent orders, sent on request. */
    ORDER_LINKS("order-links");

    private final String template;

    EmailKind(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }
}
