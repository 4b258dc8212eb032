package io.orderengine.api.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The business meters and the processors' health on a running engine, read as Prometheus and an admin read them. */
class BusinessMetricsTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "METER-MUG", 1250, 10).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anApprovedAndADeclinedCheckoutShowInPrometheusAndTheProcessorsAreReady() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("total").asInt() >= 1);
        Placed paid = place();
        Placed declined = place();
        decide(paid, "approve");
        decide(declined, "decline");
        awaitStatus(paid, "CONFIRMED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = prometheus(admin);
            assertThat(value(metrics, "orderengine_orders_placed_total{method=\"sandbox\"}"))
                    .isEqualTo(2);
            assertThat(value(metrics, "orderengine_payments_authorized_total{provider=\"sandbox\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_payments_captured_total{provider=\"sandbox\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_orders_confirmed_total{method=\"sandbox\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_payments_failed_total{provider=\"sandbox\",reason=\"declined\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_checkout_to_confirmed_seconds_count{method=\"sandbox\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_checkout_step_duration_seconds_count{step=\"capture\"}"))
                    .isEqualTo(1);
            assertThat(value(metrics, "orderengine_inbox_events_total{outcome=\"processed\",provider=\"sandbox\"}"))
                    .isGreaterThanOrEqualTo(2);
            assertThat(value(metrics, "orderengine_processor_lag_events{group=\"order-detail\"}"))
                    .isEqualTo(0);
            assertThat(metrics)
                    .contains("orderengine_processor_lag_seconds{group=\"checkout-saga\"}")
                    .contains("orderengine_deadletters{group=\"notifications\"}");
            assertThat(metrics)
                    .as("requests are timed, but not each of Spring Security's filters (a tenth of a request's CPU)")
                    .contains("http_server_requests_seconds_count{")
                    .doesNotContain("spring_security_filterchains");
        });

        assertThat(prometheusStatus(null)).isEqualTo(401);
        JsonNode health = client.get("/actuator/health", admin).body();
        assertThat(health.path("components").path("processors").path("status").asText())
                .isEqualTo("UP");
        assertThat(health.path("components")
                        .path("processors")
                        .path("details")
                        .path("processors")
                        .path("business-meters")
                        .path("state")
                        .asText())
                .isEqualTo("ok");
        assertThat(client.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    private record Placed(String id, String token) {}

    private static Placed place() {
        Reply placed = client.checkout(EngineClient.checkoutBody("METER-MUG", 1, "guest@example.com"), null);
        assertThat(placed.status()).isEqualTo(201);
        return new Placed(placed.text("orderId"), placed.text("guestToken"));
    }

    private static void decide(Placed order, String outcome) {
        JsonNode awaiting = awaitStatus(order, "AWAITING_PAYMENT");
        String url = awaiting.path("payment").path("action").path("url").asText();
        assertThat(client.post(url, Map.of("outcome", outcome), null).status()).isEqualTo(200);
    }

    private static JsonNode awaitStatus(Placed order, String status) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status.equals(read(order).path("status").asText()));
        return read(order);
    }

    private static JsonNode read(Placed order) {
        return client.get("/api/v1/orders/" + order.id() + "?token=" + order.token(), null)
                .body();
    }

    private static double value(String metrics, String series) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(line.find()).as(series + " in\n" + metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static String prometheus(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(prometheusRequest(token), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static int prometheusStatus(String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(prometheusRequest(token), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpRequest prometheusRequest(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + engine.port() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
