package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.ATTRIBUTES;
import static io.orderengine.command.sku.SkuFixtures.IMAGE;
import static io.orderengine.command.sku.SkuFixtures.PRICE;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.THRESHOLD;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.registerSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;
import static org.hamcrest.Matchers.containsString;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.sku.ChangeSkuPriceCommand;
import io.orderengine.messages.sku.DeactivateSkuCommand;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.messages.sku.ReactivateSkuCommand;
import io.orderengine.messages.sku.SkuDeactivatedEvent;
import io.orderengine.messages.sku.SkuDetailsUpdatedEvent;
import io.orderengine.messages.sku.SkuPriceChangedEvent;
import io.orderengine.messages.sku.SkuReactivatedEvent;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.UpdateSkuDetailsCommand;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering a SKU and keeping its catalogue data: price, details, whether it is sold. */
class SkuCatalogueTest {

    private AggregateTestFixture<Sku> fixture;

    @BeforeEach
    void setUp() {
        fixture = skuFixture();
    }

    @Test
    void registersASkuWithNothingOnHand() {
        fixture.givenNoPriorActivity()
                .when(registerSku())
                .expectEvents(new SkuRegisteredEvent(SKU, "Red T-shirt M", PRICE, THRESHOLD, ATTRIBUTES, IMAGE));
    }

    /**
     * The creation handler cannot see the SKU that exists; the event store refuses a second stream for the code
     * (the fixture's store as shown here; a real store's unique (aggregate id, sequence) key does the same).
     */
    @Test
    void refusesASecondRegistrationOfTheSameCode() {
        fixture.given(new SkuRegisteredEvent(SKU, "Red T-shirt M", PRICE, THRESHOLD, ATTRIBUTES, IMAGE))
                .when(registerSku())
                .expectNoEvents()
                .expectException(EventStoreException.class)
                .expectExceptionMessage(containsString("sequence number"));
    }

    @Test
    void commandsForAnUnregisteredSkuFindNoSku() {
        fixture.givenNoPriorActivity()
                .when(new ChangeSkuPriceCommand(SKU, Money.of(2000, "EUR")))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void changesThePriceWithinItsCurrency() {
        fixture.given(aRegisteredSku().events())
                .when(new ChangeSkuPriceCommand(SKU, Money.of(2200, "EUR")))
                .expectEvents(new SkuPriceChangedEvent(SKU, PRICE, Money.of(2200, "EUR")));
    }

    @Test
    void refusesAPriceInAnotherCurrency() {
        fixture.given(aRegisteredSku().events())
                .when(new ChangeSkuPriceCommand(SKU, Money.of(2700, "USD")))
                .expectNoEvents()
                .expectException(PriceCurrencyChangeException.class)
                .expectExceptionMessage("SKU TSHIRT-RED-M is priced in EUR; cannot change its price to 2700 USD");
    }

    @Test
    void updatesTheDetails() {
        fixture.given(aRegisteredSku().received(10).events())
                .when(new UpdateSkuDetailsCommand(SKU, "Red T-shirt (M)", 3, Map.of("color", "red"), null))
                .expectEvents(new SkuDetailsUpdatedEvent(SKU, "Red T-shirt (M)", 3, Map.of("color", "red"), null));
    }

    @Test
    void raisingTheThresholdToWhatIsAvailableReportsLowStock() {
        fixture.given(aRegisteredSku().received(5).events())
                .when(new UpdateSkuDetailsCommand(SKU, "Red T-shirt M", 5, ATTRIBUTES, IMAGE))
                .expectEvents(
                        new SkuDetailsUpdatedEvent(SKU, "Red T-shirt M", 5, ATTRIBUTES, IMAGE),
                        new LowStockReachedEvent(SKU, 5, 5));
    }

    @Test
    void raisingTheThresholdOfAStockAlreadyLowReportsNothingNew() {
        fixture.given(aRegisteredSku().received(1).events())
                .when(new UpdateSkuDetailsCommand(SKU, "Red T-shirt M", 4, ATTRIBUTES, IMAGE))
                .expectEvents(new SkuDetailsUpdatedEvent(SKU, "Red T-shirt M", 4, ATTRIBUTES, IMAGE));
    }

    @Test
    void deactivatesASku() {
        fixture.given(aRegisteredSku().events())
                .when(new DeactivateSkuCommand(SKU, "discontinued"))
                .expectEvents(new SkuDeactivatedEvent(SKU, "discontinued"));
    }

    @Test
    void deactivatingAnInactiveSkuChangesNothing() {
        fixture.given(aRegisteredSku().deactivated().events())
                .when(new DeactivateSkuCommand(SKU, "discontinued"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reactivatesASku() {
        fixture.given(aRegisteredSku().deactivated().events())
                .when(new ReactivateSkuCommand(SKU))
                .expectEvents(new SkuReactivatedEvent(SKU));
    }

    @Test
    void reactivatingAnActiveSkuChangesNothing() {
        fixture.given(aRegisteredSku().events())
                .when(new ReactivateSkuCommand(SKU))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
