package io.orderengine.command.sku;

import java.util.Locale;

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

    /** The order holds units now: reserved or bought. */
    boolean holds() {
        return state == State.RESERVED || state == State.COMMITTED;
    }

    /**
     * After an order edit changed the held units by {@code delta}: a holding that held nothing starts over as a
     * reservation or a sale ({@code sold}). One left with no units keeps its state, so that the checkout's later
     * commit, release or restock of the order stays a harmless step over zero units.
     */
    static StockHolding adjusted(StockHolding holding, int delta, boolean sold) {
        if (holding == null || !holding.holds()) {
            return new StockHolding(delta, sold ? State.COMMITTED : State.RESERVED);
        }
        return new StockHolding(holding.quantity() + delta, holding.state());
    }

    /** How an order edit's units of this SKU are held: as the order's holding is, else sold or not as asked. */
    static boolean sold(StockHolding holding, boolean soldIfNew) {
        return holding != null && holding.holds() ? holding.state() == State.COMMITTED : soldIfNew;
    }

    /** The units the order holds now (none when its holding was released, rejected or restocked). */
    static int held(StockHolding holding) {
        return holding != null && holding.holds() ? holding.quantity() : 0;
    }

    String describe() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    StockHolding to(State next) {
        return new StockHolding(quantity, next);
    }
}
