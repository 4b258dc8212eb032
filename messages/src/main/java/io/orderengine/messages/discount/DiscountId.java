package io.orderengine.messages.discount;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a discount code: the code upper-cased, so "welcome10" and "WELCOME10" are one code. Letters,
 * digits, '-' and '_', at most 32 characters.
 */
public record DiscountId(String value) {

    /** What a code may look like as typed (any letter case). */
    public static final String PATTERN = "[A-Za-z0-9_-]{1,32}";

    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    public DiscountId {
        Objects.requireNonNull(value, "code");
        if (!SHAPE.matcher(value).matches() || !value.equals(value.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("discount id must be an upper-case code matching " + PATTERN);
        }
    }

    /** The id of {@code code} as a customer or an admin typed it (surrounding blanks and letter case ignored). */
    public static DiscountId of(String code) {
        Objects.requireNonNull(code, "code");
        String key = code.strip().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(key).matches()) {
            throw new IllegalArgumentException("discount code must match " + PATTERN + ", got '" + code.strip() + "'");
        }
        return new DiscountId(key);
    }

    /** Whether {@code code} could name a discount at all (so a customer's typo never reaches the command bus). */
    public static boolean isValid(String code) {
        return code != null && SHAPE.matcher(code.strip()).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
