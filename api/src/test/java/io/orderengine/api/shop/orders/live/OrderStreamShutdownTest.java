package io.orderengine.api.shop.orders.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance that shuts down ends its open order streams at once (without the {@code end} event, so the page
 * connects again, to another instance or to this one restarted) instead of holding its graceful shutdown until each
 * client leaves: a stream of an order still waiting for payment stays open for up to 30 minutes.
 */
class OrderStreamShutdownTest {

    @TempDir
    Path folder;

    @Test
    void shuttingDownEndsTheOpenStreamsSoTheGracefulShutdownDoesNotWaitForTheirClients() throws Exception {
        Map<String, Object> properties = TestStore.fresh(folder);
        // no heartbeat and a shutdown phase that would wait 10 minutes: only ending the streams lets it finish
        properties.put("engine.orders.stream-heartbeat", "10m");
        properties.put("spring.lifecycle.timeout-per-shutdown-phase", "10m");
        RunningEngine engine = RunningEngine.start(properties);
        CompletableFuture<Void> closing = null;
        try {
            EngineClient client = engine.client();
            String admin = client.token("admin-1", "ADMIN");
            assertThat(client.registerSku(admin, "SHUTDOWN-MUG", 1500, 5).status())
                    .isEqualTo(204);
            Reply placed = client.checkout(EngineClient.checkoutBody("SHUTDOWN-MUG", 1, "guest@example.com"), null);
            assertThat(placed.status()).isEqualTo(201);
            URI uri = URI.create("http://127.0.0.1:" + engine.port() + "/api/v1/orders/" + placed.text("orderId")
                    + "/stream?token=" + placed.text("guestToken"));
            HttpClient http = HttpClient.newHttpClient();
            try (ServerSentEvents events = ServerSentEvents.open(http, uri, null)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !events.statuses().isEmpty());
                LiveOrderStreams streams = engine.bean(LiveOrderStreams.class);
                assertThat(streams.open()).isEqualTo(1);

                closing = CompletableFuture.runAsync(engine::close);

                events.awaitClosed(Duration.ofSeconds(60));
                assertThat(events.events())
                        .as("ended by the shutdown, not as a checkout that is over")
                        .extracting(ServerSentEvents.Event::name)
                        .doesNotContain("end");
                closing.get(60, TimeUnit.SECONDS);
                assertThat(streams.open()).isZero();
            }
        } finally {
            if (closing == null) {
                engine.close();
            }
        }
    }
}
