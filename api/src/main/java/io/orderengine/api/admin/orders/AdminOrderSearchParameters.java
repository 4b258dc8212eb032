package io.orderengine.api.admin.orders;

import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /api/v1/admin/orders}, checked one by one; anything wrong is a 400 problem
 * naming the parameter. {@code from}/{@code to} are ISO dates ({@code 2025-03-14}, a whole UTC day: {@code from}
 * starts at its beginning, {@code to} includes it) or ISO instants ({@code 2025-03-14T10:00:00Z}; {@code to}
 * exclusive). {@code sort} is {@code placedAt,desc} (default), {@code placedAt,asc}, {@code total,desc} or
 * {@code total,asc}. {@code q} is matched literally, at most {@value #MAX_TEXT} characters, no control characters.
 */
final class AdminOrderSearchParameters {

    static final int MAX_TEXT = 100;
    static final int DEFAULT_SIZE = PageParameters.DEFAULT_SIZE;

    private static final Map<String, AdminOrderSearchQuery.Sort> SORTS = Map.of(
            "placedAt,desc", AdminOrderSearchQuery.Sort.PLACED_AT_DESC,
            "placedAt,asc", AdminOrderSearchQuery.Sort.PLACED_AT_ASC,
            "total,desc", AdminOrderSearchQuery.Sort.TOTAL_DESC,
            "total,asc", AdminOrderSearchQuery.Sort.TOTAL_ASC);

    private AdminOrderSearchParameters() {}

    static AdminOrderSearchQuery query(
            String status,
            String paymentStatus,
            String from,
            String to,
            String text,
            String sort,
            String page,
            String size) {
        Instant placedFrom = instant("from", from, false);
        Instant placedTo = instant("to", to, true);
        if (placedFrom != null && placedTo != null && !placedTo.isAfter(placedFrom)) {
            throw invalid("Parameter 'to' must be after 'from' (a date 'to' includes that day).");
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw invalid("Parameter 'q' must be at most " + MAX_TEXT + " characters.");
        }
        if (text != null && text.chars().anyMatch(Character::isISOControl)) {
            // the text becomes a BSON regular expression, which cannot hold a NUL; no order field holds controls
            throw invalid("Parameter 'q' must not contain control characters.");
        }
        return new AdminOrderSearchQuery(
                value("status", status, OrderStatus.class),
                value("paymentStatus", paymentStatus, PaymentStatus.class),
                placedFrom,
                placedTo,
                text,
                sort(sort),
                page(page, size));
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid("Parameter '" + name + "' must be true or false.");
        };
    }

    static PageRequest page(String page, String size) {
        return PageParameters.page(page, size);
    }

    /** An ISO date or instant; a date is the start of that UTC day, or of the next one for an inclusive end. */
    static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("Parameter '" + name + "' must be an ISO date (2025-03-14) or instant "
                    + "(2025-03-14T10:00:00Z).");
        }
    }

    private static AdminOrderSearchQuery.Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return AdminOrderSearchQuery.Sort.PLACED_AT_DESC;
        }
        AdminOrderSearchQuery.Sort sort = SORTS.get(value.strip());
        if (sort == null) {
            throw invalid("Parameter 'sort' must be one of placedAt,desc, placedAt,asc, total,desc, total,asc.");
        }
        return sort;
    }

    private static <E extends Enum<E>> E value(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("Parameter '" + name + "' must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    private static int integer(String name, String value, int fallback) {
        return PageParameters.integer(name, value, fallback);
    }

    static ApiException invalid(String message) {
        return PageParameters.invalid(message);
    }
}
