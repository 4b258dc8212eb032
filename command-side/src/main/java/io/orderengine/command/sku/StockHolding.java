package io.orderengine.command.sku;

/**
 * What one order did with a SKU's stock: the units it asked for and where that request stands. A SKU remembers every
 * order that asked, so a re-sent reservation, release, commit or restock changes nothing.
 */
record StockHolding(int quantity, State state) {

    enum State {
        /** Held for the order; counts against available. */
        RESERVED,
        /** Refused (not enough available, or the SKU is not sold); nothing is held. */
        REJECTED,
        /** Given up before the order was paid; nothing is held. */
        RELEASED,
        /** Sold: the units left on hand. */
        COMMITTED,
        /** The sold units came back on hand. */
        RESTOCKED
    }

    StockHolding to(State next) {
        return new StockHolding(quantity, next);
    }
}
