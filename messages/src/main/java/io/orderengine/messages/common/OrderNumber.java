package io.orderengine.messages.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Pattern;

/** The human-facing order number {@code ORD-YYYYMMDD-NNNNNN}: unique, sequential per day. */
public record OrderNumber(String value) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern FORM = Pattern.compile("ORD-\\d{8}-\\d{6}");

    public OrderNumber {
        Objects.requireNonNull(value, "order number");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("order number must look like ORD-YYYYMMDD-NNNNNN, got '" + value + "'");
        }
    }

    /** The {@code sequence}-th order number of {@code day}; sequences start at 1. */
    public static OrderNumber of(LocalDate day, long sequence) {
        if (sequence < 1 || sequence > 999_999) {
            throw new IllegalArgumentException("daily order sequence out of range: " + sequence);
        }
        return new OrderNumber("ORD-" + DAY.format(day) + "-" + String.format("%06d", sequence));
    }

    @Override
    public String toString() {
        return value;
    }
}
