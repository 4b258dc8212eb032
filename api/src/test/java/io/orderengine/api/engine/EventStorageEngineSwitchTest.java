package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code engine.eventstore.engine} picks the event storage engine: the application boots with either and a checkout
 * goes all the way through (saga, sandbox payment, read model), with the events in that engine's collections.
 */
class EventStorageEngineSwitchTest {

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "global-sequence, io.orderengine.infrastructure.eventstore.MongoGlobalSequenceEventStorageEngine, events, domainevents",
        "stock, org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine, domainevents, events"
    })
    void theChosenEngineBootsAndCarriesACheckoutToConfirmed(
            String choice, String engineClass, String usedCollection, String unusedCollection) {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.eventstore.engine", choice);
        try (RunningEngine engine = RunningEngine.start(properties)) {
            assertThat(engine.bean(EventStorageEngine.class).getClass().getName())
                    .isEqualTo(engineClass);
            if ("stock".equals(choice)) {
                assertThat(engine.bean(EventStorageEngine.class)).isInstanceOf(MongoEventStorageEngine.class);
            }
            EngineClient client = engine.client();
            String admin = client.token("admin-1", "ADMIN");
            assertThat(client.registerSku(admin, "SWITCH-MUG", 1250, 10).status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> client.get("/api/v1/skus?page=0&size=10", null)
                                    .body()
                                    .path("total")
                                    .asInt()
                            == 1);

            Reply placed = client.checkout(EngineClient.checkoutBody("SWITCH-MUG", 2, "switch@example.com"), null);
            assertThat(placed.status()).isEqualTo(201);
            String path = "/api/v1/orders/" + placed.text("orderId") + "?token=" + placed.text("guestToken");
            String[] action = new String[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Reply order = client.get(path, null);
                action[0] =
                        order.body().path("payment").path("action").path("url").asText(null);
                return order.status() == 200 && "AWAITING_PAYMENT".equals(order.text("status")) && action[0] != null;
            });
            assertThat(client.post(action[0], Map.of("outcome", "approve"), null)
                                    .status()
                            / 100)
                    .isEqualTo(2);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "CONFIRMED".equals(client.get(path, null).text("status")));
            assertThat(client.get(path, null)
                            .body()
                            .path("totals")
                            .path("subtotalMinor")
                            .asLong())
                    .isEqualTo(2500);

            MongoDatabase database = engine.bean(MongoDatabase.class);
            assertThat(database.getCollection(usedCollection).countDocuments()).isGreaterThan(3);
            assertThat(database.getCollection(unusedCollection).countDocuments())
                    .isZero();
        }
    }
}
