package io.orderengine.api.engine;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.ShippingRate;
import io.orderengine.messages.common.Money;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the command side's {@link PricingPolicy} from configuration; invalid settings stop the engine at start. */
@Configuration(proxyBeanMethods = false)
public class PricingConfiguration {

    @Bean
    public PricingPolicy pricingPolicy(PricingProperties properties) {
        PricingPolicy.Builder builder = PricingPolicy.builder().defaultTaxRate(properties.defaultTaxRate());
        properties.taxRates().forEach(builder::taxRate);
        properties
                .shipping()
                .forEach((currency, rate) -> builder.shipping(
                        currency,
                        rate.freeFromMinor() == null
                                ? ShippingRate.flat(rate.feeMinor())
                                : ShippingRate.of(rate.feeMinor(), rate.freeFromMinor())));
        for (PricingProperties.Discount discount : properties.discountCodes()) {
            boolean percent = discount.percentBasisPoints() != null;
            boolean fixed = discount.amountMinor() != null && discount.currency() != null;
            if (percent == fixed) {
                throw new IllegalStateException("engine.pricing.discount-codes: code '" + discount.code()
                        + "' needs either percent-basis-points or amount-minor + currency");
            }
            if (percent) {
                builder.percentDiscount(discount.code(), discount.percentBasisPoints());
            } else {
                builder.fixedDiscount(discount.code(), Money.of(discount.amountMinor(), discount.currency()));
            }
        }
        return builder.build();
    }
}
