package io.orderengine.messages.common;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stock keeping unit code, unique in the shop: upper-case letters, digits, '-', '_' and '.',
 * starting with a letter or digit, at most 64 characters (e.g. {@code TSHIRT-RED-M}).
 */
public record SkuCode(String value) {

    public static final String PATTERN = "[A-Z0-9][A-Z0-9._-]{0,63}";

    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    public SkuCode {
        Objects.requireNonNull(value, "sku");
        if (!isValid(value)) {
            throw new IllegalArgumentException("sku must match " + PATTERN + ", got '" + value + "'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
