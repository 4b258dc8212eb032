package io.orderengine.command.pricing;

/**
 * Shipping for orders in one currency, in that currency's minor units: a flat {@code feeMinor} per order, free when
 * the goods (subtotal after discount) reach {@code freeFromMinor}.
 */
public record ShippingRate(long feeMinor, long freeFromMinor) {

    /** Never free. */
    public static final long NEVER_FREE = Long.MAX_VALUE;

    public ShippingRate {
        if (feeMinor < 0) {
            throw new IllegalArgumentException("shipping fee must be zero or more, got " + feeMinor);
        }
        if (freeFromMinor < 0) {
            throw new IllegalArgumentException("free-shipping threshold must be zero or more, got " + freeFromMinor);
        }
    }

    public static ShippingRate flat(long feeMinor) {
        return new ShippingRate(feeMinor, NEVER_FREE);
    }

    public static ShippingRate of(long feeMinor, long freeFromMinor) {
        return new ShippingRate(feeMinor, freeFromMinor);
    }

    long feeFor(long goodsMinor) {
        return goodsMinor >= freeFromMinor ? 0 : feeMinor;
    }
}
