package io.orderengine.api.admin.checkouts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which checkouts {@code GET /api/v1/admin/sagas?state=} lists. */
enum CheckoutSagaState {
    /** The checkout is not done: every stage but CONFIRMED (paid, waiting for shipment). The default. */
    RUNNING,
    /** Needs a human: see {@link RunningCheckout#stuckBecause()}. */
    STUCK,
    /** Paid; the saga stays until the order ships so a cancellation can still refund and restock. */
    CONFIRMED,
    /** Every checkout saga in the store. */
    ALL;

    static Optional<CheckoutSagaState> fromWire(String value) {
        return Arrays.stream(values())
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(value))
                .findFirst();
    }

    boolean includes(RunningCheckout checkout) {
        return switch (this) {
            case RUNNING -> !"CONFIRMED".equals(checkout.stage());
            case STUCK -> checkout.stuck();
            case CONFIRMED -> "CONFIRMED".equals(checkout.stage());
            case ALL -> true;
        };
    }
}
