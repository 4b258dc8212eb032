package io.orderengine.command.discount;

/** What one order did with a discount code: held a use, used it (paid), or gave it back. */
record DiscountUse(String customerKey, State state) {

    enum State {
        /** Held by an order not yet paid; counts against the limits. */
        RESERVED,
        /** Used by a paid order; counts for good. */
        CONFIRMED,
        /** Given back before the order was paid; counts no more. */
        RELEASED
    }

    DiscountUse to(State next) {
        return new DiscountUse(customerKey, next);
    }
}
