package io.orderengine.api.web;

import io.orderengine.messages.query.PageRequest;

/**
 * {@code page} and {@code size} query parameters as the admin lists take them: read as text so that every wrong value
 * (not a number, negative, beyond {@link PageRequest#MAX_SIZE}) is a 400 problem naming the parameter.
 */
public final class PageParameters {

    public static final int DEFAULT_SIZE = 20;

    private PageParameters() {}

    public static PageRequest page(String page, String size) {
        int number = integer("page", page, 0);
        int count = integer("size", size, DEFAULT_SIZE);
        if (number < 0) {
            throw invalid("Parameter 'page' must be zero or more.");
        }
        if (count < 1 || count > PageRequest.MAX_SIZE) {
            throw invalid("Parameter 'size' must be between 1 and " + PageRequest.MAX_SIZE + ".");
        }
        return new PageRequest(number, count);
    }

    public static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw invalid("Parameter '" + name + "' must be a whole number.");
        }
    }

    public static ApiException invalid(String message) {
        return ApiException.badRequest("validation", message);
    }
}
