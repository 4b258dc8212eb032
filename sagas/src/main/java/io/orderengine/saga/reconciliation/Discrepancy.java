package io.orderengine.saga.reconciliation;

import io.orderengine.saga.ledger.LedgerEntry;
import java.util.Objects;

/**
 * One capture or refund on which the engine's ledger and the gateway disagree. {@code provider} is the wire name
 * ({@code stripe}, {@code paypal}, {@code sandbox}); {@code reference} is the gateway's capture or refund reference;
 * amounts are minor units of {@code currency}, null on the side that does not have the movement.
 */
public record Discrepancy(
        Kind kind,
        LedgerEntry.Type movement,
        String provider,
        String orderId,
        String paymentReference,
        String reference,
        Long ledgerMinor,
        Long gatewayMinor,
        String currency) {

    /** How the two sides disagree. */
    public enum Kind {
        /** The ledger records money the gateway does not know (or the payment is unknown there). */
        MISSING_AT_GATEWAY,
        /** The gateway moved money the ledger never recorded (e.g. a refund made in the provider's dashboard). */
        MISSING_LOCALLY,
        /** Both know the movement, with different amounts. */
        AMOUNT_MISMATCH
    }

    public Discrepancy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(movement, "movement");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reference, "reference");
    }

    /** The same difference found again: same kind, same movement, same reference at the same provider. */
    String key() {
        return kind + "/" + movement + "/" + provider + "/" + reference;
    }

    /** One line for an order's history, e.g. "stripe refund re_1 missing locally (gateway 500 EUR minor units)". */
    public String describe() {
        String what = provider + " " + movement.name().toLowerCase() + " " + reference;
        return switch (kind) {
            case MISSING_AT_GATEWAY ->
                what + " missing at the gateway (ledger " + ledgerMinor + " " + currency + " minor units)";
            case MISSING_LOCALLY ->
                what + " missing in the ledger (gateway " + gatewayMinor + " " + currency + " minor units)";
            case AMOUNT_MISMATCH ->
                what + " amount differs: ledger " + ledgerMinor + ", gateway " + gatewayMinor + " " + currency
                        + " minor units";
        };
    }
}
