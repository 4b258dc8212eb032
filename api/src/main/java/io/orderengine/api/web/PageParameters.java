package io.orderengine.api.web;

import io.orderengine.messages.query.PageRequest;
import java.util.regex.Pattern;

/**
 * {@code page} and {@code size} query parameters as every paged endpoint takes them: read as text so that every wrong
 * value (not a whole number in ASCII digits, negative, {@code size} beyond {@link PageRequest#MAX_SIZE}, or a
 * {@code page} whose rows would start beyond {@link #MAX_OFFSET}) is a 400 problem naming the parameter, never a
 * silently different page.
 */
public final class PageParameters {

    public static final int DEFAULT_SIZE = 20;

    /**
     * The last row a page may reach: {@code (page + 1) × size} at most this. Lists are read with an int skip, so a larger
     * offset would wrap around (page 2147483647 used to answer page 0).
     */
    public static final long MAX_OFFSET = Integer.MAX_VALUE;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,10}");

    private PageParameters() {}

    public static PageRequest page(String page, String size) {
        return page(page, size, DEFAULT_SIZE);
    }

    /** The page asked for; {@code defaultSize} when {@code size} is absent or empty. */
    public static PageRequest page(String page, String size, int defaultSize) {
        int number = integer("page", page, 0);
        int count = integer("size", size, defaultSize);
        if (number < 0) {
            throw invalid("Parameter 'page' must be zero or more.");
        }
        if (count < 1 || count > PageRequest.MAX_SIZE) {
            throw invalid("Parameter 'size' must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        if ((number + 1L) * count > MAX_OFFSET) {
            throw invalid("Parameter 'page' is too large: page " + number + " of size " + count + " lies beyond "
                    + MAX_OFFSET + " rows.");
        }
        return new PageRequest(number, count);
    }

    public static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw invalid("Parameter '" + name + "' must be a whole number.");
        }
        long number = Long.parseLong(text);
        if (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
            throw invalid("Parameter '" + name + "' is out of range.");
        }
        return (int) number;
    }

    public static ApiException invalid(String message) {
        return ApiException.badRequest("validation", message);
    }
}
