package io.orderengine.messages.common;

import java.util.Objects;

/** A postal address; {@code country} is an ISO 3166-1 alpha-2 code. line2, region and phone may be null. */
public record Address(
        String fullName,
        String phone,
        String line1,
        String line2,
        String city,
        String region,
        String postalCode,
        String country) {

    public Address {
        requireText(fullName, "fullName");
        requireText(line1, "line1");
        requireText(city, "city");
        Objects.requireNonNull(country, "country");
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
