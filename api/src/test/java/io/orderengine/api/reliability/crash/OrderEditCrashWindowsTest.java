package io.orderengine.api.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditStockHeldEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.HoldEditStockCommand;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.messages.sku.OrderStockAdjustedEvent;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's order edit, stopped where a kill -9 of the engine would stop it, in this JVM: the commands it had
 * sent are sent here, the ones after the crash never are, and the engine puts the stock right by itself. Each paid
 * order holds 3 mugs; an edit takes one mug off and adds a lamp. The stock hold lasts 2 s here
 * ({@code engine.orders.edit-stock-hold}): far longer than an attempt takes from its hold to its record here (a few
 * commands), so only the attempts that stop in between lose it.
 */
class OrderEditCrashWindowsTest {

    private static final Duration HOLD = Duration.ofSeconds(2);
    /** How long past a hold's time the units it took are watched: the release and the undo take well under 1 s. */
    private static final Duration PAST_THE_HOLD = Duration.ofSeconds(2);

    private static final SkuCode MUG = new SkuCode("CRASH-MUG");
    private static final SkuCode LAMP = new SkuCode("CRASH-LAMP");
    private static final Actor ADMIN = Actor.admin("admin-crash");

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static CommandGateway commands;
    private static String admin;
    private static String alice;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = new HashMap<>(TestStore.fresh(folder));
        properties.put("engine.orders.edit-stock-hold", HOLD.toSeconds() + "s");
        engine = RunningEngine.start(properties);
        client = engine.client();
        commands = engine.bean(CommandGateway.class);
        admin = client.token("admin-crash", "ADMIN");
        alice = client.token("alice-crash", "CUSTOMER");
        assertThat(client.registerSku(admin, MUG.value(), 1000, 30).status()).isEqualTo(204);
        assertThat(client.registerSku(admin, LAMP.value(), 4000, 10).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void unitsTakenByAnAttemptThatDiedBeforeRecordingTheEditGoBackAfterTheHold() {
        OrderId order = aPaidOrderOf3Mugs();
        Stock lampsBefore = stock(LAMP);
        Stock mugsBefore = stock(MUG);
        Attempt attempt = new Attempt(order, "ed-crash-a");

        attempt.hold();
        attempt.take();
        // killed here: the edit is never recorded, nothing is given back by the API

        await().atMost(HOLD.plusSeconds(30))
                .until(() -> changeIds(LAMP).contains(UndoOrderStockChangeCommand.undoId(attempt.holdId)));
        assertThat(changeIds(LAMP)).contains(attempt.holdId);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stock(LAMP)).isEqualTo(lampsBefore));
        assertThat(stock(MUG)).isEqualTo(mugsBefore);
        assertThat(order(order).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void aTakeOfAnAttemptWhoseHoldWasReleasedMeanwhileTakesNothing() {
        OrderId order = aPaidOrderOf3Mugs();
        Stock lampsBefore = stock(LAMP);
        Attempt attempt = new Attempt(order, "ed-crash-late");

        attempt.hold();
        // stalled here past the hold: the engine releases it and voids the take that has not come yet
        await().atMost(HOLD.plusSeconds(30)).until(() -> eventTypes(order).contains("EditStockHoldReleasedEvent"));
        await().atMost(Duration.ofSeconds(30)).until(() -> skuEventTypes(LAMP).contains("OrderStockChangeVoidedEvent"));
        attempt.take();

        assertThat(stock(LAMP)).isEqualTo(lampsBefore);
        assertThat(attempt.record()).isInstanceOf(RuntimeException.class);
        assertThat(order(order).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void unitsRemovedByAnEditRecordedJustBeforeTheEngineDiedGoBackAndTheUnitsItAddedStay() {
        OrderId order = aPaidOrderOf3Mugs();
        Stock lampsBefore = stock(LAMP);
        Stock mugsBefore = stock(MUG);
        Attempt attempt = new Attempt(order, "ed-crash-b");

        attempt.hold();
        attempt.take();
        assertThat(attempt.record()).isNull();
        // killed here: the API never gives the mug back

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stock(MUG)).isEqualTo(mugsBefore.plusOnHand(1)));
        // the hold was the edit's: past its time the lamp is still the order's
        Instant pastTheHold = heldAt(order, attempt.holdId).plus(HOLD).plus(PAST_THE_HOLD);
        Duration watch = Duration.between(Instant.now(), pastTheHold);
        await().during(watch.isNegative() ? Duration.ofMillis(100) : watch)
                .atMost(HOLD.plusSeconds(30))
                .untilAsserted(() -> assertThat(stock(LAMP)).isEqualTo(lampsBefore.minus(1)));
        assertThat(stock(MUG)).isEqualTo(mugsBefore.plusOnHand(1));
        JsonNode edited = order(order);
        assertThat(edited.path("version").asInt()).isEqualTo(2);
        assertThat(eventTypes(order)).doesNotContain("EditStockHoldReleasedEvent");
    }

    /** What the admin API's order edit sends, step by step: take a mug off, add a lamp. */
    private static final class Attempt {
        private final OrderId order;
        private final String editId;
        private final String holdId;
        private final List<OrderEditChange> changes =
                List.of(OrderEditChange.setQuantity(MUG, 2), OrderEditChange.addLine(LAMP, 1));
        private final List<OrderLine> catalogue =
                List.of(OrderLine.of(LAMP, "Crash lamp", Money.of(4000, "EUR"), 1, Map.of(), null));
        private final OrderEditPreview preview;

        Attempt(OrderId order, String editId) {
            this.order = order;
            this.editId = editId;
            this.holdId = editId + ":1a2b3c4d";
            this.preview = commands.sendAndWait(new PreviewOrderEditCommand(order, changes, catalogue));
        }

        private List<EditedLine> added() {
            return preview.lines().stream()
                    .filter(line -> line.stockDelta() > 0)
                    .toList();
        }

        void hold() {
            commands.sendAndWait(new HoldEditStockCommand(order, editId, holdId, added()));
        }

        void take() {
            for (EditedLine line : added()) {
                Object shortage = commands.sendAndWait(new AdjustOrderStockCommand(
                        line.sku(), order, holdId, line.stockDelta(), preview.stockSold(), "order edit " + editId));
                assertThat(shortage).isNull();
            }
        }

        /** Records the edit with the hold: null when recorded, else what the order refused it with. */
        RuntimeException record() {
            try {
                commands.sendAndWait(new EditOrderCommand(
                        order, editId, preview.version() - 1, changes, catalogue, null, ADMIN, holdId));
                return null;
            } catch (RuntimeException refused) {
                return refused;
            }
        }
    }

    private record Stock(int onHand, int available) {
        /** Units sold to an order (a paid order's stock leaves on hand). */
        Stock minus(int units) {
            return new Stock(onHand - units, available - units);
        }

        Stock plusOnHand(int units) {
            return new Stock(onHand + units, available + units);
        }
    }

    private static Stock stock(SkuCode sku) {
        JsonNode view = client.get("/api/v1/admin/skus/" + sku.value(), admin).body();
        return new Stock(view.path("onHand").asInt(), view.path("available").asInt());
    }

    private static JsonNode order(OrderId orderId) {
        return client.get("/api/v1/orders/" + orderId.value(), alice).body();
    }

    private static List<String> eventTypes(OrderId orderId) {
        return types(engine.bean(EventStore.class), orderId.value());
    }

    /** When the order recorded the hold (its deadline runs from then). */
    private static Instant heldAt(OrderId orderId, String holdId) {
        return engine.bean(EventStore.class)
                .readEvents(orderId.value())
                .asStream()
                .filter(event -> event.getPayload() instanceof EditStockHeldEvent held
                        && held.holdId().equals(holdId))
                .map(event -> event.getTimestamp())
                .findFirst()
                .orElseThrow();
    }

    private static List<String> skuEventTypes(SkuCode sku) {
        return types(engine.bean(EventStore.class), sku.value());
    }

    private static List<String> changeIds(SkuCode sku) {
        return engine.bean(EventStore.class)
                .readEvents(sku.value())
                .asStream()
                .map(event -> event.getPayload())
                .filter(OrderStockAdjustedEvent.class::isInstance)
                .map(event -> ((OrderStockAdjustedEvent) event).changeId())
                .toList();
    }

    private static List<String> types(EventStore store, String aggregate) {
        return store.readEvents(aggregate)
                .asStream()
                .map(event -> event.getPayloadType().getSimpleName())
                .toList();
    }

    /** Checks out 3 mugs as Alice and pays through the sandbox; answers the order once CONFIRMED. */
    private static OrderId aPaidOrderOf3Mugs() {
        Reply placed = client.checkout(EngineClient.checkoutBody(MUG.value(), 3, "alice@example.com"), alice);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.text("orderId");
        await().atMost(Duration.ofSeconds(60)).until(() -> !paymentUrl(orderId).isEmpty());
        assertThat(client.post(paymentUrl(orderId), Map.of("outcome", "approve"), null)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "CONFIRMED"
                        .equals(client.get("/api/v1/orders/" + orderId, alice).text("status")));
        // the mugs sold: nothing reserved once the checkout committed them
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stock(MUG).onHand() == stock(MUG).available());
        return new OrderId(orderId);
    }

    private static String paymentUrl(String orderId) {
        return client.get("/api/v1/orders/" + orderId, alice)
                .body()
                .path("payment")
                .path("action")
                .path("url")
                .asText();
    }
}
