package io.orderengine.messages.common;

import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.privacy.PersonalDataText;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A postal address; {@code country} is an ISO 3166-1 alpha-2 code. line2, region and phone may be null. Everything
 * but the country is personal data.
 */
public record Address(
        @PersonalData String fullName,
        @PersonalData String phone,
        @PersonalData String line1,
        @PersonalData String line2,
        @PersonalData String city,
        @PersonalData String region,
        @PersonalData String postalCode,
        String country) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Address {
        requireText(fullName, "fullName");
        requireText(line1, "line1");
        requireText(city, "city");
        Objects.requireNonNull(country, "country");
        if (!COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** Written without its personal data ({@link PersonalDataText}): this text reaches logs. */
    @Override
    public String toString() {
        return PersonalDataText.of(this);
    }
}
