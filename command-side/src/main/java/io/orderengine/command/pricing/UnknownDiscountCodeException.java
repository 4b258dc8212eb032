package io.orderengine.command.pricing;

/** The order names a discount code the shop does not have, or one that does not apply to the order's currency. */
public class UnknownDiscountCodeException extends RuntimeException {

    private final String code;

    public UnknownDiscountCodeException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The code as the customer typed it. */
    public String code() {
        return code;
    }
}
