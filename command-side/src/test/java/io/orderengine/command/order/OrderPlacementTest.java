package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.aPlaceOrderCommand;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;
import static org.hamcrest.Matchers.containsString;

import io.orderengine.command.pricing.UnknownDiscountCodeException;
import io.orderengine.command.pricing.UnsupportedCurrencyException;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PlaceOrderCommand;
import io.orderengine.testkit.PlaceOrder;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderPlacementTest {

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    @Test
    void placesACustomerOrderPricedByThePolicy() {
        PlaceOrder command = aPlaceOrderCommand();

        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectSuccessfulHandlerExecution()
                .expectEvents(command.placedEvent(TOTALS, null, CUSTOMER));
    }

    @Test
    void placesAGuestOrderInTheNameOfTheGuestWhoseIdIsTheOrderId() {
        PlaceOrder command = aPlaceOrderCommand().asGuest();

        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectEvents(command.placedEvent(TOTALS, null, Actor.guest(ORDER_ID.value())));
    }

    @Test
    void appliesADiscountCodeTypedInAnyLetterCaseAndRecordsItsCanonicalSpelling() {
        PlaceOrder command = aPlaceOrderCommand().withDiscountCode("welcome10");
        // 50.00 − 5.00 discount + 5.00 shipping = 50.00 taxable, 18 % = 9.00
        OrderTotals discounted = new OrderTotals(eur(5000), eur(500), eur(500), eur(900), eur(5900), 1800);

        fixture.givenNoPriorActivity()
                .when(command.build())
                .expectEvents(command.placedEvent(discounted, "WELCOME10", CUSTOMER));
    }

    @Test
    void pricesWithTheTermsOfTheDiscountUseItHoldsEvenForACodeTheConfigurationLacks() {
        PlaceOrder order = aPlaceOrderCommand();
        PlaceOrderCommand c = order.build();
        DiscountTerms sevenOff = DiscountTerms.fixed("Data7", eur(700));
        PlaceOrderCommand held = new PlaceOrderCommand(
                c.orderId(),
                c.orderNumber(),
                c.customer(),
                c.lines(),
                c.shippingAddress(),
                c.billingAddress(),
                c.paymentMethod(),
                c.currency(),
                "data7",
                c.notes(),
                c.placedAt(),
                sevenOff);
        // 50.00 − 7.00 + 5.00 shipping = 48.00 taxable, 18 % = 8.64
        OrderTotals discounted = new OrderTotals(eur(5000), eur(700), eur(500), eur(864), eur(5664), 1800);

        fixture.givenNoPriorActivity().when(held).expectEvents(order.placedEvent(discounted, "Data7", CUSTOMER));
    }

    @Test
    void treatsABlankDiscountCodeAsNone() {
        PlaceOrder command = aPlaceOrderCommand().withDiscountCode("  ");

        fixture.givenNoPriorActivity().when(command.build()).expectEvents(command.placedEvent(TOTALS, null, CUSTOMER));
    }

    @Test
    void rejectsAnUnknownDiscountCode() {
        fixture.givenNoPriorActivity()
                .when(aPlaceOrderCommand().withDiscountCode("FREESTUFF").build())
                .expectNoEvents()
                .expectException(UnknownDiscountCodeException.class)
                .expectExceptionMessage("unknown discount code 'FREESTUFF'");
    }

    @Test
    void rejectsALinePricedInAnotherCurrencyThanTheOrder() {
        OrderLine dollars = OrderLine.of(TSHIRT, "Red T-shirt M", Money.of(2500, "USD"), 1, Map.of(), null);

        fixture.givenNoPriorActivity()
                .when(aPlaceOrderCommand().withLines(dollars).build())
                .expectNoEvents()
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("line TSHIRT-RED-M is priced in USD but the order is in EUR");
    }

    @Test
    void rejectsTheSameSkuOnTwoLinesBecauseStockIsReservedOncePerOrderAndSku() {
        fixture.givenNoPriorActivity()
                .when(aPlaceOrderCommand()
                        .withLines(tshirts(1), mugs(1), tshirts(2))
                        .build())
                .expectNoEvents()
                .expectException(InvalidOrderException.class)
                .expectExceptionMessage("SKU TSHIRT-RED-M appears on more than one line; merge them");
    }

    @Test
    void rejectsAnOrderInACurrencyTheShopHasNoShippingRateFor() {
        OrderLine pounds = OrderLine.of(TSHIRT, "Red T-shirt M", Money.of(2000, "GBP"), 1, Map.of(), null);

        fixture.givenNoPriorActivity()
                .when(aPlaceOrderCommand().withLines(pounds).inCurrency("GBP").build())
                .expectNoEvents()
                .expectException(UnsupportedCurrencyException.class);
    }

    /**
     * The creation handler cannot see the existing order; the event store refuses a second stream for the id
     * (the fixture's store as shown here; a real store's unique (aggregate id, sequence) key does the same).
     */
    @Test
    void refusesToPlaceTheSameOrderIdTwice() {
        fixture.given(aPlacedOrderHistory().events())
                .when(aPlaceOrderCommand().build())
                .expectNoEvents()
                .expectException(EventStoreException.class)
                .expectExceptionMessage(containsString("sequence number"));
    }
}
