package io.orderengine.messages.common;

import java.util.Objects;
import java.util.UUID;

/** The identity of an order: a UUID in its canonical lower-case text form. */
public record OrderId(String value) {

    public OrderId {
        Objects.requireNonNull(value, "order id");
        if (!value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("order id must be a lower-case UUID, got '" + value + "'");
        }
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    public static boolean isValid(String value) {
        return value != null && value.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Override
    public String toString() {
        return value;
    }
}
