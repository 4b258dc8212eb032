package io.orderengine.api.engine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How orders are priced ({@code engine.pricing.*}); rates in basis points (1800 = 18 %), amounts in minor units.
 *
 * @param defaultTaxRate  tax rate of countries not listed in {@code taxRates}
 * @param taxRates        rate by ISO 3166-1 alpha-2 destination country
 * @param shipping        flat fee and free-shipping threshold by ISO 4217 currency
 * @param discountCodes   codes customers may enter: a percentage (basis points) or a fixed amount in one currency
 */
@Validated
@ConfigurationProperties("engine.pricing")
public record PricingProperties(
        @Min(0) @Max(10_000) @DefaultValue("0") long defaultTaxRate,
        @DefaultValue Map<String, Long> taxRates,
        @DefaultValue Map<String, @Valid Shipping> shipping,
        @DefaultValue List<@Valid Discount> discountCodes) {

    /** @param freeFromMinor subtotal (after discount) from which shipping is free; absent = never free */
    public record Shipping(@Min(0) long feeMinor, @Min(0) Long freeFromMinor) {}

    /** Exactly one of {@code percentBasisPoints} or ({@code amountMinor} + {@code currency}). */
    public record Discount(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}")
            String code,

            @Min(1) @Max(10_000) Long percentBasisPoints,
            @Min(1) Long amountMinor,
            @Pattern(regexp = "[A-Z]{3}") String currency) {}

    @NotNull
    public Map<String, Long> taxRates() {
        return taxRates;
    }
}
