package io.orderengine.command.discount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orderengine.command.pricing.DiscountCode;
import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.discount.ChangeDiscountCommand;
import io.orderengine.messages.discount.ConfirmDiscountUseCommand;
import io.orderengine.messages.discount.CreateDiscountCommand;
import io.orderengine.messages.discount.DiscountChangedEvent;
import io.orderengine.messages.discount.DiscountCreatedEvent;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountReservation;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import io.orderengine.messages.discount.DiscountUseConfirmedEvent;
import io.orderengine.messages.discount.DiscountUseReleasedEvent;
import io.orderengine.messages.discount.DiscountUseReservedEvent;
import io.orderengine.messages.discount.ReleaseDiscountUseCommand;
import io.orderengine.messages.discount.ReserveDiscountUseCommand;
import io.orderengine.messages.order.OrderLine;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A discount code's terms and its uses: reserve at checkout, confirm when paid, release before. */
class DiscountTest {

    static final DiscountId ID = DiscountId.of("spring25");
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final OrderId ORDER_A = new OrderId("00000000-0000-0000-0000-00000000000a");
    static final OrderId ORDER_B = new OrderId("00000000-0000-0000-0000-00000000000b");
    static final OrderId ORDER_C = new OrderId("00000000-0000-0000-0000-00000000000c");
    static final String ALICE = "alice-hash";
    static final String BOB = "bob-hash";

    private AggregateTestFixture<Discount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Discount.class);
    }

    /** 25 % off EUR orders from 20.00 EUR, March 2026, 2 uses, 1 per customer. */
    static DiscountTerms spring() {
        return new DiscountTerms(
                "Spring25",
                DiscountType.PERCENT,
                2500,
                "EUR",
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00Z"),
                2,
                1,
                2000,
                true);
    }

    static DiscountTerms unlimited() {
        return new DiscountTerms("SPRING25", DiscountType.PERCENT, 2500, null, null, null, null, null, 0, true);
    }

    static ReserveDiscountUseCommand reserve(OrderId order, String customer, long subtotalMinor, Instant at) {
        return new ReserveDiscountUseCommand(ID, order, customer, Money.of(subtotalMinor, "EUR"), at);
    }

    static ReserveDiscountUseCommand reserve(OrderId order, String customer) {
        return reserve(order, customer, 5000, NOW);
    }

    static DiscountCreatedEvent created(DiscountTerms terms) {
        return new DiscountCreatedEvent(ID, terms);
    }

    @Nested
    class Terms {

        @Test
        void createsACodeWhoseIdIgnoresLetterCase() {
            fixture.givenNoPriorActivity()
                    .when(new CreateDiscountCommand(DiscountId.of("SPRING25"), spring()))
                    .expectEvents(created(spring()));
        }

        @Test
        void changesTermsAndIgnoresUnchangedOnes() {
            DiscountTerms inactive =
                    new DiscountTerms("Spring25", DiscountType.FIXED, 500, "EUR", null, null, null, null, 0, false);
            fixture.given(created(spring()))
                    .when(new ChangeDiscountCommand(ID, inactive))
                    .expectEvents(new DiscountChangedEvent(ID, inactive));
            fixture.given(created(spring()))
                    .when(new ChangeDiscountCommand(ID, spring()))
                    .expectNoEvents();
        }

        @Test
        void refusesTermsThatCannotBeRepresented() {
            assertThat(invalid(() ->
                            new DiscountTerms("X", DiscountType.FIXED, 500, null, null, null, null, null, 0, true)))
                    .contains("currency");
            assertThat(invalid(() ->
                            new DiscountTerms("X", DiscountType.PERCENT, -1, null, null, null, null, null, 0, true)))
                    .contains("positive");
            assertThat(invalid(() -> new DiscountTerms(
                            "X", DiscountType.PERCENT, 10_001, null, null, null, null, null, 0, true)))
                    .contains("10000");
            assertThat(invalid(() ->
                            new DiscountTerms("X", DiscountType.PERCENT, 100, null, NOW, NOW, null, null, 0, true)))
                    .contains("validUntil");
            assertThat(invalid(() ->
                            new DiscountTerms("X", DiscountType.PERCENT, 100, null, null, null, 0, null, 0, true)))
                    .contains("maxUses");
            assertThat(invalid(() ->
                            new DiscountTerms("X", DiscountType.PERCENT, 100, null, null, null, null, null, 500, true)))
                    .contains("minimum");
            assertThat(invalid(() -> new DiscountTerms(
                            "no spaces", DiscountType.PERCENT, 100, null, null, null, null, null, 0, true)))
                    .contains("must match");
        }

        private String invalid(Runnable construct) {
            try {
                construct.run();
                return "accepted";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    @Nested
    class Reserving {

        @Test
        void holdsAUseWithinTheTerms() {
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE))
                    .expectResultMessagePayload(new DiscountReservation(spring(), true))
                    .expectEvents(new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0));
        }

        @Test
        void aResentReservationChangesNothing() {
            fixture.given(created(spring()), new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0))
                    .when(reserve(ORDER_A, ALICE))
                    .expectResultMessagePayload(new DiscountReservation(spring(), false))
                    .expectNoEvents();
        }

        @Test
        void refusesAnInactiveCode() {
            DiscountTerms off =
                    new DiscountTerms("SPRING25", DiscountType.PERCENT, 2500, null, null, null, null, null, 0, false);
            fixture.given(created(off))
                    .when(reserve(ORDER_A, ALICE))
                    .expectException(refused(DiscountRefusal.INACTIVE));
        }

        @Test
        void refusesBeforeValidFromAndFromValidUntilOn() {
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE, 5000, Instant.parse("2026-02-28T23:59:59Z")))
                    .expectException(refused(DiscountRefusal.NOT_YET_VALID));
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE, 5000, Instant.parse("2026-04-01T00:00:00Z")))
                    .expectException(refused(DiscountRefusal.EXPIRED));
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE, 5000, Instant.parse("2026-03-01T00:00:00Z")))
                    .expectEvents(new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0));
        }

        @Test
        void refusesASubtotalBelowTheMinimumAndAcceptsItExactly() {
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE, 1999, NOW))
                    .expectException(refused(DiscountRefusal.MINIMUM_NOT_MET));
            fixture.given(created(spring()))
                    .when(reserve(ORDER_A, ALICE, 2000, NOW))
                    .expectEvents(new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0));
        }

        @Test
        void refusesAnOrderInAnotherCurrency() {
            fixture.given(created(spring()))
                    .when(new ReserveDiscountUseCommand(ID, ORDER_A, ALICE, Money.of(5000, "USD"), NOW))
                    .expectException(refused(DiscountRefusal.CURRENCY));
        }

        @Test
        void refusesAnotherUseOfTheSameCustomer() {
            fixture.given(created(spring()), new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0))
                    .when(reserve(ORDER_B, ALICE))
                    .expectException(refused(DiscountRefusal.CUSTOMER_LIMIT));
        }

        @Test
        void refusesBeyondMaxUsesCountingHeldAndPaidUses() {
            fixture.given(
                            created(spring()),
                            new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0),
                            new DiscountUseConfirmedEvent(ID, ORDER_A, 0, 1),
                            new DiscountUseReservedEvent(ID, ORDER_B, BOB, 1, 1))
                    .when(reserve(ORDER_C, "carol-hash"))
                    .expectException(refused(DiscountRefusal.USED_UP));
        }

        @Test
        void aUseGivenBackCanBeTakenAgain() {
            fixture.given(
                            created(spring()),
                            new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0),
                            new DiscountUseReservedEvent(ID, ORDER_B, BOB, 2, 0),
                            new DiscountUseReleasedEvent(ID, ORDER_A, "cancelled", 1, 0))
                    .when(reserve(ORDER_C, ALICE))
                    .expectEvents(new DiscountUseReservedEvent(ID, ORDER_C, ALICE, 2, 0));
        }

        private static Matcher<DiscountRefusedException> refused(DiscountRefusal reason) {
            return new FeatureMatcher<>(equalTo(reason), "a refusal for", "reason") {
                @Override
                protected DiscountRefusal featureValueOf(DiscountRefusedException actual) {
                    return actual.reason();
                }
            };
        }
    }

    @Nested
    class ConfirmingAndReleasing {

        @Test
        void confirmsAHeldUseOnce() {
            fixture.given(created(unlimited()), new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0))
                    .when(new ConfirmDiscountUseCommand(ID, ORDER_A))
                    .expectEvents(new DiscountUseConfirmedEvent(ID, ORDER_A, 0, 1));
            fixture.given(
                            created(unlimited()),
                            new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0),
                            new DiscountUseConfirmedEvent(ID, ORDER_A, 0, 1))
                    .when(new ConfirmDiscountUseCommand(ID, ORDER_A))
                    .expectNoEvents();
        }

        @Test
        void releasesAHeldUseButNeverAPaidOne() {
            fixture.given(created(unlimited()), new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0))
                    .when(new ReleaseDiscountUseCommand(ID, ORDER_A, "cancelled"))
                    .expectEvents(new DiscountUseReleasedEvent(ID, ORDER_A, "cancelled", 0, 0));
            fixture.given(
                            created(unlimited()),
                            new DiscountUseReservedEvent(ID, ORDER_A, ALICE, 1, 0),
                            new DiscountUseConfirmedEvent(ID, ORDER_A, 0, 1))
                    .when(new ReleaseDiscountUseCommand(ID, ORDER_A, "cancelled"))
                    .expectNoEvents();
        }

        @Test
        void confirmingOrReleasingAnOrderWithoutAUseChangesNothing() {
            fixture.given(created(unlimited()))
                    .when(new ConfirmDiscountUseCommand(ID, ORDER_A))
                    .expectNoEvents();
            fixture.given(created(unlimited()))
                    .when(new ReleaseDiscountUseCommand(ID, ORDER_A, "rejected"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Pricing {

        private final PricingPolicy pricing =
                PricingPolicy.builder().shipping("EUR", 500, 10_000).build();
        private final List<OrderLine> lines =
                List.of(OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1500, "EUR"), 2, Map.of(), null));

        @Test
        void aPercentCodeTakesItsShareOfTheSubtotal() {
            Quote quote = pricing.quoteWith(lines, "EUR", "DE", DiscountCode.of(unlimited()));
            assertThat(quote.totals().discount()).isEqualTo(Money.of(750, "EUR"));
            assertThat(quote.discountCode()).isEqualTo("SPRING25");
        }

        @Test
        void aFixedCodeTakesItsAmountButNeverMoreThanTheSubtotal() {
            DiscountTerms fiveOff =
                    new DiscountTerms("FIVE", DiscountType.FIXED, 500, "EUR", null, null, null, null, 0, true);
            DiscountTerms hundredOff =
                    new DiscountTerms("HUNDRED", DiscountType.FIXED, 10_000, "EUR", null, null, null, null, 0, true);
            assertThat(pricing.quoteWith(lines, "EUR", "DE", DiscountCode.of(fiveOff))
                            .totals()
                            .discount())
                    .isEqualTo(Money.of(500, "EUR"));
            assertThat(pricing.quoteWith(lines, "EUR", "DE", DiscountCode.of(hundredOff))
                            .totals()
                            .discount())
                    .isEqualTo(Money.of(3000, "EUR"));
        }
    }
}
