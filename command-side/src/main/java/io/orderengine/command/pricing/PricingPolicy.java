package io.orderengine.command.pricing;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the shop prices an order, all in integer minor units of the order's currency:
 * <ol>
 *   <li>subtotal = the sum of the line totals;</li>
 *   <li>discount = what the discount code takes off the subtotal (a percentage or a fixed amount), never more than
 *       the subtotal;</li>
 *   <li>shipping = the flat fee of the order's currency, zero when subtotal − discount reaches the free-shipping
 *       threshold;</li>
 *   <li>tax = (subtotal − discount + shipping) × the destination country's rate, rounded half up to a minor unit;</li>
 *   <li>total = subtotal − discount + shipping + tax.</li>
 * </ol>
 * Tax rates are in basis points per ISO 3166-1 alpha-2 country (IL 1800 = 18 %), with a default for every other
 * country. Shipping is configured per currency; the optional fallback rate applies its minor-unit figures to any
 * other currency. Discount codes are matched case-insensitively.
 */
public final class PricingPolicy {

    private final long defaultTaxRateBasisPoints;
    private final Map<String, Long> taxRatesByCountry;
    private final Map<String, ShippingRate> shippingByCurrency;
    private final ShippingRate fallbackShipping;
    private final Map<String, DiscountCode> discountCodes;

    /**
     * @param defaultTaxRateBasisPoints tax rate of countries not in {@code taxRatesByCountry}
     * @param taxRatesByCountry         basis points by upper-case ISO 3166-1 alpha-2 country code
     * @param shippingByCurrency        shipping rate by ISO 4217 currency
     * @param fallbackShipping          shipping rate of any other currency; null means such orders cannot be priced
     * @param discountCodes             the codes customers may use; no two may differ only in letter case
     */
    public PricingPolicy(
            long defaultTaxRateBasisPoints,
            Map<String, Long> taxRatesByCountry,
            Map<String, ShippingRate> shippingByCurrency,
            ShippingRate fallbackShipping,
            Collection<DiscountCode> discountCodes) {
        requireRate(defaultTaxRateBasisPoints, "default");
        this.defaultTaxRateBasisPoints = defaultTaxRateBasisPoints;
        Map<String, Long> rates = new HashMap<>();
        taxRatesByCountry.forEach((country, rate) -> {
            if (country == null || !country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException(
                        "tax country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
            }
            requireRate(rate, country);
            rates.put(country, rate);
        });
        this.taxRatesByCountry = Map.copyOf(rates);
        shippingByCurrency.forEach((currency, rate) -> {
            if (!Money.isIsoCurrency(currency)) {
                throw new IllegalArgumentException(
                        "shipping currency must be an ISO 4217 code, got '" + currency + "'");
            }
            Objects.requireNonNull(rate, "shipping rate of " + currency);
        });
        this.shippingByCurrency = Map.copyOf(shippingByCurrency);
        this.fallbackShipping = fallbackShipping;
        Map<String, DiscountCode> codes = new HashMap<>();
        for (DiscountCode code : discountCodes) {
            DiscountCode clash = codes.put(DiscountCode.lookupKey(code.code()), code);
            if (clash != null) {
                throw new IllegalArgumentException(
                        "discount codes " + clash.code() + " and " + code.code() + " differ only in letter case");
            }
        }
        this.discountCodes = Map.copyOf(codes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tax rate in basis points for orders shipped to {@code country}. */
    public long taxRateFor(String country) {
        return taxRatesByCountry.getOrDefault(country, defaultTaxRateBasisPoints);
    }

    /** The configured code matching {@code code} in any letter case; empty when there is none. */
    public Optional<DiscountCode> findDiscountCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(discountCodes.get(DiscountCode.lookupKey(code)));
    }

    /** The configured codes (the seed of the discount codes kept as data). */
    public Collection<DiscountCode> discountCodes() {
        return discountCodes.values();
    }

    /**
     * Prices {@code lines} (all in {@code currency}) for delivery to {@code destinationCountry}.
     *
     * @param discountCode as the customer typed it; null or blank for none
     * @throws UnknownDiscountCodeException  the code does not exist or does not apply to {@code currency}
     * @throws UnsupportedCurrencyException  no shipping rate applies to {@code currency}
     * @throws IllegalArgumentException      no lines, or a line priced in another currency
     */
    public Quote quote(List<OrderLine> lines, String currency, String destinationCountry, String discountCode) {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        return quoteWith(lines, currency, destinationCountry, discountCodeFor(discountCode, currency));
    }

    /**
     * Prices {@code lines} with a discount already granted ({@code code}: null for none), such as the terms of a
     * code the order holds a use of; whether the code may be used was decided before.
     */
    public Quote quoteWith(List<OrderLine> lines, String currency, String destinationCountry, DiscountCode code) {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        Money subtotal = Money.zero(currency);
        for (OrderLine line : lines) {
            if (!line.lineTotal().currency().equals(currency)) {
                throw new IllegalArgumentException("line " + line.sku() + " is priced in "
                        + line.lineTotal().currency() + ", not " + currency);
            }
            subtotal = subtotal.plus(line.lineTotal());
        }
        Money discount = code == null ? Money.zero(currency) : code.discountOn(subtotal);
        Money goods = subtotal.minus(discount);
        Money shipping = Money.of(shippingRateFor(currency).feeFor(goods.amountMinor()), currency);
        long taxRate = taxRateFor(destinationCountry);
        Money tax = goods.plus(shipping).percentOf(taxRate);
        Money total = goods.plus(shipping).plus(tax);
        OrderTotals totals = new OrderTotals(subtotal, discount, shipping, tax, total, taxRate);
        return new Quote(totals, code == null ? null : code.code());
    }

    private DiscountCode discountCodeFor(String typed, String currency) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        DiscountCode code = findDiscountCode(typed)
                .orElseThrow(
                        () -> new UnknownDiscountCodeException(typed, "unknown discount code '" + typed.strip() + "'"));
        if (!code.appliesTo(currency)) {
            throw new UnknownDiscountCodeException(
                    typed, "discount code " + code.code() + " does not apply to orders in " + currency);
        }
        return code;
    }

    private ShippingRate shippingRateFor(String currency) {
        ShippingRate rate = shippingByCurrency.getOrDefault(currency, fallbackShipping);
        if (rate == null) {
            throw new UnsupportedCurrencyException(currency);
        }
        return rate;
    }

    private static void requireRate(Long basisPoints, String what) {
        if (basisPoints == null || basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException(
                    "tax rate " + what + " must be 0..10000 basis points, got " + basisPoints);
        }
    }

    /** Collects a policy step by step; unset parts mean no tax, no discount codes and no shipping rate. */
    public static final class Builder {

        private long defaultTaxRateBasisPoints;
        private final Map<String, Long> taxRates = new LinkedHashMap<>();
        private final Map<String, ShippingRate> shipping = new LinkedHashMap<>();
        private ShippingRate fallbackShipping;
        private final List<DiscountCode> discountCodes = new ArrayList<>();

        private Builder() {}

        public Builder defaultTaxRate(long basisPoints) {
            this.defaultTaxRateBasisPoints = basisPoints;
            return this;
        }

        public Builder taxRate(String country, long basisPoints) {
            taxRates.put(country, basisPoints);
            return this;
        }

        public Builder shipping(String currency, long feeMinor, long freeFromMinor) {
            shipping.put(currency, ShippingRate.of(feeMinor, freeFromMinor));
            return this;
        }

        public Builder shipping(String currency, ShippingRate rate) {
            shipping.put(currency, rate);
            return this;
        }

        public Builder fallbackShipping(ShippingRate rate) {
            this.fallbackShipping = rate;
            return this;
        }

        public Builder percentDiscount(String code, long basisPoints) {
            discountCodes.add(DiscountCode.percent(code, basisPoints));
            return this;
        }

        public Builder fixedDiscount(String code, Money amountOff) {
            discountCodes.add(DiscountCode.fixed(code, amountOff));
            return this;
        }

        public PricingPolicy build() {
            return new PricingPolicy(defaultTaxRateBasisPoints, taxRates, shipping, fallbackShipping, discountCodes);
        }
    }
}
