package io.orderengine.messages.order;

import java.time.Instant;
import java.util.List;

/** What the order answers to {@link ShipItemsCommand}: the shipment it recorded and when. */
public record ShipmentReceipt(
        String shipmentId, List<ShipmentLine> lines, String carrier, String trackingNumber, Instant shippedAt) {}
