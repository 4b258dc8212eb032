package io.orderengine.saga.edit;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ROTHSCHILD_BLVD;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditStockHeldEvent;
import io.orderengine.messages.order.EditStockHoldReleasedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.ReleaseEditStockHoldCommand;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import io.orderengine.saga.commands.StepCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt to record edit ed-1 held a lamp and a mug for the order (hold ed-1:a1) and took them: the units stay the
 * order's when the edit is recorded with the hold, and go back when the attempt died before it or released the hold.
 */
class EditStockHoldSagaTest {

    private static final SkuCode LAMP = new SkuCode("LAMP");
    private static final String HOLD = "ed-1:a1";
    private static final Duration HOLD_TIMEOUT = Duration.ofMinutes(5);
    private static final List<EditedLine> LINES =
            List.of(new EditedLine(MUG, "Blue mug", eur(1250), 1, 2), new EditedLine(LAMP, "Lamp", eur(4000), 0, 1));

    private SagaTestFixture<EditStockHoldSaga> fixture;
    private StepCommands commands;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(EditStockHoldSaga.class);
        fixture.registerResource(new EditStockPolicy(HOLD_TIMEOUT));
        commands = new StepCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus())
                .build());
        fixture.registerResource(commands);
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        fixture.givenCurrentTime(Instant.parse("2025-11-22T10:00:00Z"));
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private static EditStockHeldEvent held() {
        return new EditStockHeldEvent(ORDER_ID, "ed-1", HOLD, LINES);
    }

    private static OrderEditedEvent recordedWith(String holdId) {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                List.of(),
                null,
                List.of(mugs(2)),
                LINES,
                TOTALS,
                TOTALS,
                ROTHSCHILD_BLVD,
                eur(0),
                true,
                ADMIN,
                ALICE,
                holdId);
    }

    private static UndoOrderStockChangeCommand undo(SkuCode sku) {
        return new UndoOrderStockChangeCommand(sku, ORDER_ID, HOLD, "order edit ed-1 not recorded");
    }

    @Test
    void aHoldGetsADeadlineAtTheHoldTimeout() {
        fixture.givenNoPriorActivity()
                .whenAggregate(ORDER_ID.value())
                .publishes(held())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(HOLD_TIMEOUT, EditStockHoldSaga.DEADLINE)
                .expectNoDispatchedCommands();
    }

    @Test
    void anEditRecordedWithTheHoldKeepsItsUnitsAndEndsTheSaga() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(held())
                .whenAggregate(ORDER_ID.value())
                .publishes(recordedWith(HOLD))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void anEditRecordedWithAnotherAttemptsHoldLeavesThisHoldToItsDeadline() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(held())
                .whenAggregate(ORDER_ID.value())
                .publishes(recordedWith("ed-1:b2"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(HOLD_TIMEOUT, EditStockHoldSaga.DEADLINE);
    }

    @Test
    void anAttemptNotRecordedByTheDeadlineHasItsHoldReleased() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(held())
                .whenTimeElapses(HOLD_TIMEOUT.plusSeconds(1))
                .expectActiveSagas(1) // until the release is recorded
                .expectDispatchedCommands(
                        new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"));
    }

    @Test
    void aReleasedHoldUndoesItsStockChangeOnEverySkuInSkuCodeOrderAndEnds() {
        fixture.givenAggregate(ORDER_ID.value())
                .published(held())
                .whenAggregate(ORDER_ID.value())
                .publishes(new EditStockHoldReleasedEvent(ORDER_ID, "ed-1", HOLD, LINES, "not enough stock"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(undo(LAMP), undo(MUG));
    }

    @Test
    void aHoldTheOrderRefusesToReleaseAtTheDeadlineKeepsItsUnits() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReleaseEditStockHoldCommand) {
                throw new Refusal("edit ed-1 was recorded with stock hold " + HOLD + "; it keeps it");
            }
            return null;
        });
        fixture.givenAggregate(ORDER_ID.value())
                .published(held())
                .whenTimeElapses(HOLD_TIMEOUT.plusSeconds(1))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new ReleaseEditStockHoldCommand(ORDER_ID, HOLD, "edit not recorded within PT5M"));
    }

    private static final class Refusal extends DomainRejection {
        Refusal(String message) {
            super(RejectionKind.CONFLICT, "edit-stock-hold-used", message);
        }
    }
}
