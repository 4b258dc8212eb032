package io.orderengine.command.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingPolicyTest {

    /** IL 18 %, SA 15 %, elsewhere 0; EUR shipping 5.00, free from 100.00; USD 7.00 flat; two codes. */
    private final PricingPolicy policy = PricingPolicy.builder()
            .defaultTaxRate(0)
            .taxRate("IL", 1800)
            .taxRate("SA", 1500)
            .shipping("EUR", 500, 10_000)
            .shipping("USD", ShippingRate.flat(700))
            .percentDiscount("WELCOME10", 1000)
            .fixedDiscount("TENOFF", eur(1000))
            .build();

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    private static List<OrderLine> lines(long unitPriceMinor, int quantity) {
        return List.of(OrderLine.of(
                new SkuCode("TSHIRT-RED-M"), "Red T-shirt M", eur(unitPriceMinor), quantity, Map.of(), null));
    }

    private static OrderTotals totals(long subtotal, long discount, long shipping, long tax, long total, long rate) {
        return new OrderTotals(eur(subtotal), eur(discount), eur(shipping), eur(tax), eur(total), rate);
    }

    @Test
    void pricesTwoShirtsToIsraelWithFlatShippingAndEighteenPercentVat() {
        Quote quote = policy.quote(lines(2500, 2), "EUR", "IL", null);

        // 50.00 + 5.00 shipping = 55.00 taxable; 18 % = 9.90
        assertThat(quote.totals()).isEqualTo(totals(5000, 0, 500, 990, 6490, 1800));
        assertThat(quote.discountCode()).isNull();
    }

    @Test
    void pricesTheSameOrderToSaudiArabiaAtFifteenPercent() {
        assertThat(policy.quote(lines(2500, 2), "EUR", "SA", null).totals())
                .isEqualTo(totals(5000, 0, 500, 825, 6325, 1500));
    }

    @Test
    void appliesTheDefaultRateToCountriesWithoutOne() {
        PricingPolicy germanVat = PricingPolicy.builder()
                .defaultTaxRate(1900)
                .shipping("EUR", 500, 10_000)
                .build();

        assertThat(germanVat.quote(lines(2500, 2), "EUR", "DE", null).totals())
                .isEqualTo(totals(5000, 0, 500, 1045, 6545, 1900));
        assertThat(policy.taxRateFor("DE")).isZero();
    }

    @Test
    void shipsForFreeOnceTheGoodsReachTheThreshold() {
        assertThat(policy.quote(lines(2500, 4), "EUR", "IL", null).totals())
                .isEqualTo(totals(10_000, 0, 0, 1800, 11_800, 1800));
    }

    @Test
    void measuresTheFreeShippingThresholdAfterTheDiscount() {
        // 100.00 − 10.00 = 90.00 of goods, below 100.00: shipping is charged; 18 % of 95.00 = 17.10
        assertThat(policy.quote(lines(2500, 4), "EUR", "IL", "WELCOME10").totals())
                .isEqualTo(totals(10_000, 1000, 500, 1710, 11_210, 1800));
    }

    @Test
    void taxesTheSubtotalLessDiscountPlusShipping() {
        // 50.00 − 10.00 + 5.00 = 45.00 taxable; 18 % = 8.10
        Quote quote = policy.quote(lines(2500, 2), "EUR", "IL", "TENOFF");

        assertThat(quote.totals()).isEqualTo(totals(5000, 1000, 500, 810, 5310, 1800));
        assertThat(quote.discountCode()).isEqualTo("TENOFF");
    }

    @Test
    void roundsTaxHalfUpToAMinorUnit() {
        PricingPolicy noShipping = PricingPolicy.builder()
                .taxRate("IL", 1800)
                .shipping("EUR", ShippingRate.flat(0))
                .build();

        // 10.25 × 18 % = 1.845 → 1.85; 0.25 × 18 % = 0.045 → 0.05; 0.24 × 18 % = 0.0432 → 0.04
        assertThat(noShipping.quote(lines(1025, 1), "EUR", "IL", null).totals().tax())
                .isEqualTo(eur(185));
        assertThat(noShipping.quote(lines(25, 1), "EUR", "IL", null).totals().tax())
                .isEqualTo(eur(5));
        assertThat(noShipping.quote(lines(24, 1), "EUR", "IL", null).totals().tax())
                .isEqualTo(eur(4));
    }

    @Test
    void roundsAPercentDiscountHalfUp() {
        // 10 % of 10.05 = 1.005 → 1.01
        assertThat(policy.quote(lines(1005, 1), "EUR", "DE", "WELCOME10")
                        .totals()
                        .discount())
                .isEqualTo(eur(101));
    }

    @Test
    void neverDiscountsMoreThanTheSubtotal() {
        // 10.00 off a 6.00 order: 6.00 off; shipping 5.00 stays; 18 % of 5.00 = 0.90
        assertThat(policy.quote(lines(600, 1), "EUR", "IL", "TENOFF").totals())
                .isEqualTo(totals(600, 600, 500, 90, 590, 1800));
    }

    @Test
    void findsDiscountCodesInAnyLetterCaseAndRecordsTheirCanonicalSpelling() {
        assertThat(policy.quote(lines(2500, 2), "EUR", "IL", "  welcome10 ").discountCode())
                .isEqualTo("WELCOME10");
        assertThat(policy.findDiscountCode("TenOff")).contains(DiscountCode.fixed("TENOFF", eur(1000)));
        assertThat(policy.findDiscountCode(" ")).isEmpty();
    }

    @Test
    void rejectsAnUnknownDiscountCode() {
        assertThatThrownBy(() -> policy.quote(lines(2500, 2), "EUR", "IL", "free-stuff"))
                .isInstanceOf(UnknownDiscountCodeException.class)
                .hasMessage("unknown discount code 'free-stuff'");
    }

    @Test
    void rejectsAFixedDiscountOnAnOrderInAnotherCurrency() {
        List<OrderLine> dollars =
                List.of(OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1500, "USD"), 1, null, null));

        assertThatThrownBy(() -> policy.quote(dollars, "USD", "IL", "tenoff"))
                .isInstanceOf(UnknownDiscountCodeException.class)
                .hasMessage("discount code TENOFF does not apply to orders in USD");
    }

    @Test
    void appliesAPercentDiscountInAnyCurrency() {
        List<OrderLine> dollars =
                List.of(OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1500, "USD"), 2, null, null));

        // 30.00 − 3.00 + 7.00 = 34.00; no tax to DE
        assertThat(policy.quote(dollars, "USD", "DE", "WELCOME10").totals().total())
                .isEqualTo(Money.of(3400, "USD"));
    }

    @Test
    void refusesACurrencyWithoutShippingUnlessThereIsAFallback() {
        List<OrderLine> pounds = List.of(OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1500, "GBP"), 1, null, null));

        assertThatThrownBy(() -> policy.quote(pounds, "GBP", "IL", null))
                .isInstanceOf(UnsupportedCurrencyException.class)
                .hasMessageContaining("GBP");

        PricingPolicy withFallback = PricingPolicy.builder()
                .fallbackShipping(ShippingRate.of(300, 5000))
                .build();
        assertThat(withFallback.quote(pounds, "GBP", "IL", null).totals().shipping())
                .isEqualTo(Money.of(300, "GBP"));
    }

    @Test
    void refusesALineInAnotherCurrencyThanTheOrder() {
        assertThatThrownBy(() -> policy.quote(lines(2500, 1), "USD", "IL", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line TSHIRT-RED-M is priced in EUR, not USD");
    }

    @Test
    void refusesConfigurationThatCouldNotBeMeant() {
        assertThatThrownBy(() -> PricingPolicy.builder()
                        .percentDiscount("SALE", 1000)
                        .percentDiscount("sale", 500)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ only in letter case");
        assertThatThrownBy(() -> PricingPolicy.builder().taxRate("Israel", 1800).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PricingPolicy.builder().taxRate("IL", 18_000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        PricingPolicy.builder().shipping("euro", 500, 10_000).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscountCode.percent("NONE", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscountCode("BOTH", 1000, eur(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiscountCode.fixed("ZERO", eur(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShippingRate.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
