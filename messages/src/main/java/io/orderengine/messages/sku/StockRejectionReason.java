package io.orderengine.messages.sku;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Why a SKU refused a reservation ({@link StockReservationRejectedEvent#reason()}). */
public enum StockRejectionReason {

    /** The SKU is deactivated: it is not sold at all. */
    INACTIVE("inactive"),
    /** Fewer units are available than the order asked for. */
    INSUFFICIENT_STOCK("insufficient stock");

    private final String description;

    StockRejectionReason(String description) {
        this.description = description;
    }

    /** The words shown to people (read models, e-mails); also what events stored before this enum carry. */
    public String description() {
        return description;
    }

    /**
     * Reads a stored reason: the constant's name, or its description, which is how events stored before this enum
     * spelled it ({@code "inactive"}, {@code "insufficient stock"}).
     */
    @JsonCreator
    public static StockRejectionReason of(String value) {
        for (StockRejectionReason reason : values()) {
            if (reason.name().equals(value) || reason.description.equals(value)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown stock rejection reason '" + value + "'");
    }
}
