package io.orderengine.outbound.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** What an endpoint can subscribe to; {@link #wireName()} is the {@code type} of the delivered JSON. */
public enum WebhookEventType {
    /** An alert of the engine's was raised (docs/operations.md, "Alerts"); once per episode. */
    ALERT_RAISED("alert.raised"),
    /** An alert's condition no longer holds. */
    ALERT_CLEARED("alert.cleared"),
    /**
     * The scheduled verification of the event log ran: {@code data} holds {@code verified}, {@code events} and the
     * chain's {@code head} (or {@code firstBrokenPosition} and {@code reason}), so the head is also kept outside the
     * engine's database.
     */
    EVENT_LOG_HEAD("event_log.head"),
    ORDER_CONFIRMED("order.confirmed"),
    ORDER_SHIPPED("order.shipped"),
    /** A parcel of the order left (every shipment, partial or last); {@code data.shipment} says what is in it. */
    ORDER_SHIPMENT_CREATED("order.shipment_created"),
    ORDER_CANCELLED("order.cancelled"),
    ORDER_REFUNDED("order.refunded"),
    /** The order was edited before shipping; {@code data} is the order after the edit, {@code data.edit} the edit. */
    ORDER_EDITED("order.edited"),
    /**
     * An edit was undone because its balance was not paid in time (or was declined): {@code data} is the order as it
     * is again, {@code data.edit} the edit with {@code status} {@code ROLLED_BACK}, the reason and what changed back.
     */
    ORDER_EDIT_ROLLED_BACK("order.edit_rolled_back"),
    /** A return was asked for; {@code data.return} names its units and reasons. */
    ORDER_RETURN_REQUESTED("order.return_requested"),
    /** A return arrived; {@code data.return} names the units, whether each was restocked, and the refund. */
    ORDER_RETURN_RECEIVED("order.return_received"),
    STOCK_LOW("stock.low");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWire(String value) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(value))
                .findFirst();
    }
}
