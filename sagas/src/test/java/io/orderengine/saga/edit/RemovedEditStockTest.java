package io.orderengine.saga.edit;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ROTHSCHILD_BLVD;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.saga.commands.StepCommands;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recorded edit of a paid order took a T-shirt and a lamp off it and added a mug: the T-shirt and the lamp go back
 * under the edit's id (the one the admin API uses), whether the API got to it or not.
 */
class RemovedEditStockTest {

    private static final SkuCode LAMP = new SkuCode("LAMP");

    private final List<AdjustOrderStockCommand> sent = new CopyOnWriteArrayList<>();
    private StepCommands commands;
    private RemovedEditStock handler;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(AdjustOrderStockCommand.class.getName(), message -> {
            sent.add((AdjustOrderStockCommand) message.getPayload());
            return null;
        });
        commands =
                new StepCommands(DefaultCommandGateway.builder().commandBus(bus).build());
        handler = new RemovedEditStock(commands);
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    private static OrderEditedEvent edited() {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-2",
                3,
                List.of(),
                null,
                List.of(mugs(2)),
                List.of(
                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 1),
                        new EditedLine(MUG, "Blue mug", eur(1250), 1, 2),
                        new EditedLine(LAMP, "Lamp", eur(4000), 1, 0)),
                TOTALS,
                TOTALS,
                ROTHSCHILD_BLVD,
                eur(0),
                true,
                ADMIN,
                ALICE,
                null);
    }

    @Test
    void theUnitsARecordedEditRemovedGoBackUnderTheEditIdInSkuCodeOrder() {
        handler.on(edited());

        assertThat(sent)
                .containsExactly(
                        new AdjustOrderStockCommand(LAMP, ORDER_ID, "ed-2", -1, true, "order edit ed-2"),
                        new AdjustOrderStockCommand(TSHIRT, ORDER_ID, "ed-2", -1, true, "order edit ed-2"));
    }

    @Test
    void theEventHandledAgainSendsTheSameCommandsWhichTheSkusApplyOnce() {
        handler.on(edited());
        handler.on(edited());

        // the same change ids: a SKU that applied "ed-2" changes nothing (SkuOrderEditStockTest)
        assertThat(sent).hasSize(4);
        assertThat(sent.subList(2, 4)).isEqualTo(sent.subList(0, 2));
        assertThat(sent).extracting(AdjustOrderStockCommand::changeId).containsOnly("ed-2");
    }

    @Test
    void theAdminApiSendsExactlyTheCommandsOfTheHandler() {
        OrderEditedEvent edit = edited();

        assertThat(RemovedEditStock.giveBack(edit.orderId(), edit.editId(), edit.editedLines(), edit.paid()))
                .isEqualTo(RemovedEditStock.giveBack(edit));
        assertThat(RemovedEditStock.giveBack(edit))
                .extracting(AdjustOrderStockCommand::delta)
                .containsOnly(-1);
    }
}
