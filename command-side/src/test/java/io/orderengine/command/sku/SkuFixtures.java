package io.orderengine.command.sku;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.RegisterSkuCommand;
import io.orderengine.messages.sku.SkuDeactivatedEvent;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockAdjustedEvent;
import io.orderengine.messages.sku.StockCommittedEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import io.orderengine.messages.sku.StockRejectionReason;
import io.orderengine.messages.sku.StockReleasedEvent;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.messages.sku.StockRestockedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * The red T-shirt used throughout the SKU tests: 25.00 EUR, low-stock threshold 2. Histories are built with
 * {@link #aRegisteredSku()}, which keeps on hand and reserved so each event carries the right figures.
 */
final class SkuFixtures {

    static final SkuCode SKU = new SkuCode("TSHIRT-RED-M");
    static final Money PRICE = Money.of(2500, "EUR");
    static final int THRESHOLD = 2;
    static final Map<String, String> ATTRIBUTES = Map.of("color", "red", "size", "M");
    static final String IMAGE = "https://img.example/tshirt-red.png";
    static final OrderId ORDER_A = new OrderId("00000000-0000-4000-8000-00000000000a");
    static final OrderId ORDER_B = new OrderId("00000000-0000-4000-8000-00000000000b");
    static final Instant EXPIRES = Instant.parse("2026-01-15T10:00:00Z");

    private SkuFixtures() {}

    static AggregateTestFixture<Sku> skuFixture() {
        return new AggregateTestFixture<>(Sku.class);
    }

    static RegisterSkuCommand registerSku() {
        return new RegisterSkuCommand(SKU, "Red T-shirt M", PRICE, THRESHOLD, ATTRIBUTES, IMAGE);
    }

    static SkuHistory aRegisteredSku() {
        return new SkuHistory();
    }

    /** The events of the T-shirt so far, with the stock figures each one reports. */
    static final class SkuHistory {
        private final List<Object> events = new ArrayList<>();
        private final Map<OrderId, Integer> quantities = new HashMap<>();
        private int onHand;
        private int reserved;

        private SkuHistory() {
            events.add(new SkuRegisteredEvent(SKU, "Red T-shirt M", PRICE, THRESHOLD, ATTRIBUTES, IMAGE));
        }

        SkuHistory received(int quantity) {
            onHand += quantity;
            events.add(new StockReceivedEvent(SKU, quantity, "delivery", onHand, available()));
            return this;
        }

        SkuHistory adjusted(int delta) {
            onHand += delta;
            events.add(new StockAdjustedEvent(SKU, delta, "count", onHand, available()));
            return this;
        }

        SkuHistory reserved(OrderId order, int quantity) {
            reserved += quantity;
            quantities.put(order, quantity);
            events.add(new StockReservedEvent(SKU, order, quantity, available(), EXPIRES));
            return this;
        }

        SkuHistory rejected(OrderId order, int quantity, StockRejectionReason reason) {
            events.add(new StockReservationRejectedEvent(SKU, order, quantity, available(), reason));
            return this;
        }

        SkuHistory released(OrderId order) {
            int quantity = quantities.get(order);
            reserved -= quantity;
            events.add(new StockReleasedEvent(SKU, order, quantity, "expired", available()));
            return this;
        }

        SkuHistory committed(OrderId order) {
            int quantity = quantities.get(order);
            reserved -= quantity;
            onHand -= quantity;
            events.add(new StockCommittedEvent(SKU, order, quantity, onHand, available()));
            return this;
        }

        SkuHistory restocked(OrderId order) {
            int quantity = quantities.get(order);
            onHand += quantity;
            events.add(new StockRestockedEvent(SKU, order, quantity, "returned", onHand, available()));
            return this;
        }

        SkuHistory deactivated() {
            events.add(new SkuDeactivatedEvent(SKU, "discontinued"));
            return this;
        }

        List<Object> events() {
            return List.copyOf(events);
        }

        private int available() {
            return onHand - reserved;
        }
    }
}
