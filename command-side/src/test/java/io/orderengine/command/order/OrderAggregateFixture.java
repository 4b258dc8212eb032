package io.orderengine.command.order;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.messages.common.Money;
import java.time.Clock;
import org.axonframework.test.aggregate.AggregateTestFixture;

/**
 * The {@link Order} aggregate under test with its pricing policy and at most 3 payment attempts; the order's messages come from testkit's
 * {@link io.orderengine.testkit.OrderFixtures}, whose {@code TOTALS} are what this policy works out for them.
 */
final class OrderAggregateFixture {

    /** IL 18 %, SA 15 %, elsewhere 0; EUR shipping 5.00, free from 100.00; WELCOME10 = 10 %, TENOFF = 10.00 EUR. */
    static final PricingPolicy PRICING = PricingPolicy.builder()
            .defaultTaxRate(0)
            .taxRate("IL", 1800)
            .taxRate("SA", 1500)
            .shipping("EUR", 500, 10_000)
            .percentDiscount("WELCOME10", 1000)
            .fixedDiscount("TENOFF", Money.of(1000, "EUR"))
            .build();

    private OrderAggregateFixture() {}

    static AggregateTestFixture<Order> orderFixture() {
        return orderFixture(new ReturnPolicy(ReturnPolicy.DEFAULT_WINDOW, Clock.systemUTC()));
    }

    /** With {@code returns} as the return window and clock. */
    static AggregateTestFixture<Order> orderFixture(ReturnPolicy returns) {
        AggregateTestFixture<Order> fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(PRICING);
        fixture.registerInjectableResource(new PaymentAttemptPolicy(PaymentAttemptPolicy.DEFAULT_MAX_ATTEMPTS));
        fixture.registerInjectableResource(returns);
        return fixture;
    }
}
