package io.orderengine.messages.common;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The identity of an order: a UUID in its canonical lower-case text form. */
public record OrderId(String value) {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public OrderId {
        Objects.requireNonNull(value, "order id");
        if (!isValid(value)) {
            throw new IllegalArgumentException("order id must be a lower-case UUID, got '" + value + "'");
        }
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    public static boolean isValid(String value) {
        return value != null && UUID_TEXT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
