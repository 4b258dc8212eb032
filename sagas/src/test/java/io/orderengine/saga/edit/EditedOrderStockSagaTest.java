package io.orderengine.saga.edit;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ROTHSCHILD_BLVD;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.shipped;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.saga.commands.StepCommands;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SKUs edits added to a paid order go back on hand with its cancellation (the SKUs it was placed with are the
 * checkout saga's), whether the edit's balance was still due or settled, and never twice.
 */
class EditedOrderStockSagaTest {

    private static final SkuCode LAMP = new SkuCode("LAMP");
    private static final SkuCode VASE = new SkuCode("VASE");

    private SagaTestFixture<EditedOrderStockSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(EditedOrderStockSaga.class);
        commands = new StepCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus())
                .build());
        fixture.registerResource(commands);
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void aCancellationWhileTheBalanceIsDueRestocksOnlyTheSkusTheEditAddedAndEnds() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", added(LAMP, 1), changed(MUG, 1, 2)))
                .whenPublishingA(cancelled(true))
                // the MUG's whole holding (1 + 1 units) is restocked by the checkout saga
                .expectDispatchedCommands(new RestockCommand(LAMP, ORDER_ID, "order cancelled"))
                .expectActiveSagas(0);
    }

    @Test
    void theSkusOfEverySettledEditAreRestockedOnceInSkuCodeOrder() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", added(VASE, 2)))
                .andThenAPublished(edited("ed-2", added(LAMP, 1), changed(VASE, 2, 3)))
                .whenPublishingA(cancelled(true))
                .expectDispatchedCommands(
                        new RestockCommand(LAMP, ORDER_ID, "order cancelled"),
                        new RestockCommand(VASE, ORDER_ID, "order cancelled"))
                .expectActiveSagas(0);
    }

    @Test
    void stockThatWasNeverCommittedIsReleased() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", added(LAMP, 1)))
                .whenPublishingA(cancelled(false))
                .expectDispatchedCommands(new ReleaseStockCommand(LAMP, ORDER_ID, "order cancelled"));
    }

    @Test
    void aRolledBackEditLeavesNothingToGiveBackAtTheCancellation() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", added(LAMP, 1)))
                .andThenAPublished(rolledBack("ed-1", new EditedLine(LAMP, "Lamp", eur(4000), 1, 0)))
                .whenPublishingA(cancelled(true))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void anEditThatAddsNoSkuStartsNothingAndAShipmentEndsTheSaga() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", changed(MUG, 1, 2)))
                .whenPublishingA(cancelled(true))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);

        fixture.givenAggregate(ORDER_ID.value())
                .published(edited("ed-1", added(LAMP, 1)))
                .whenPublishingA(shipped(ORDER_ID, "TRACK-1"))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    private static EditedLine added(SkuCode sku, int quantity) {
        return new EditedLine(sku, sku.value(), eur(1000), 0, quantity);
    }

    private static EditedLine changed(SkuCode sku, int before, int after) {
        return new EditedLine(sku, sku.value(), eur(1000), before, after);
    }

    private static OrderEditedEvent edited(String editId, EditedLine... lines) {
        return new OrderEditedEvent(
                ORDER_ID,
                editId,
                2,
                List.of(),
                null,
                List.of(mugs(2)),
                List.of(lines),
                TOTALS,
                TOTALS,
                ROTHSCHILD_BLVD,
                eur(1000),
                true,
                ADMIN,
                ALICE,
                null);
    }

    private static OrderEditRolledBackEvent rolledBack(String editId, EditedLine... lines) {
        return new OrderEditRolledBackEvent(
                ORDER_ID,
                editId,
                3,
                List.of(mugs(1)),
                List.of(lines),
                TOTALS,
                ROTHSCHILD_BLVD,
                PaymentStatus.PAID,
                "balance not paid",
                Actor.system("edit-balance-saga"),
                ALICE);
    }

    private static OrderCancelledEvent cancelled(boolean stockCommitted) {
        return new OrderCancelledEvent(
                ORDER_ID, OrderStatus.CONFIRMED, ADMIN, "customer called", eur(0), stockCommitted);
    }
}
