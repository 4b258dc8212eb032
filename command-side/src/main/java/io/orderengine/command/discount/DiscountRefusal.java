package io.orderengine.command.discount;

/** Why a discount code was refused for an order; each reason is its own problem type. */
public enum DiscountRefusal {
    INACTIVE("discount-inactive"),
    NOT_YET_VALID("discount-not-yet-valid"),
    EXPIRED("discount-expired"),
    CURRENCY("discount-currency"),
    MINIMUM_NOT_MET("discount-minimum-not-met"),
    USED_UP("discount-used-up"),
    CUSTOMER_LIMIT("discount-customer-limit");

    private final String type;

    DiscountRefusal(String type) {
        this.type = type;
    }

    /** The problem type slug clients may switch on. */
    public String type() {
        return type;
    }
}
