package io.orderengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One engine booted in this JVM (the whole application, as {@code java -jar} would run it) on a fresh store, plus a
 * small HTTP client for driving it. The application class is loaded by name so the bench compiles against the api
 * module's dependencies only.
 */
final class BenchEngine implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final boolean realMongo;
    private final String eventStore;

    private BenchEngine(ConfigurableApplicationContext context, boolean realMongo, String eventStore) {
        this.context = context;
        this.realMongo = realMongo;
        this.eventStore = eventStore;
        this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Boots the engine on a fresh embedded store in {@code folder}, or on a fresh database of {@code mongoUri}, with
     * the event storage engine {@code eventStore} ({@code global-sequence} or {@code stock}) and any further
     * application properties in {@code extra}.
     */
    static BenchEngine start(Path folder, String mongoUri, String eventStore, Map<String, String> extra) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, Object> properties = new HashMap<>();
        properties.put("engine.store.embedded-path", folder.resolve("engine.mv").toString());
        properties.put("engine.store.database", "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        properties.put("engine.store.uri", mongoUri == null ? "" : mongoUri);
        properties.put("engine.demo.seed-skus", "false");
        properties.put("engine.rate-limit.enabled", "false");
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.orderengine", "WARN");
        properties.put("spring.main.banner-mode", "off");
        properties.put("engine.event-store.engine", eventStore);
        properties.putAll(extra);
        Class<?> application;
        try {
            application = Class.forName("io.orderengine.OrderEngineApplication");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("run the bench with the api module's classes on the class path", e);
        }
        // as command-line arguments: they must win over application.yml (builder "properties" are only defaults,
        // and application.yml's server.port would bind 8080)
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(args);
        return new BenchEngine(context, mongoUri != null, eventStore);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    MongoDatabase database() {
        return context.getBean(MongoDatabase.class);
    }

    record Reply(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asText(null);
        }
    }

    Reply get(String path, String token) {
        HttpRequest.Builder request = request(path, token).GET();
        return send(request);
    }

    Reply post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        headers.forEach(request::header);
        return send(request);
    }

    String token(String subject, String... roles) {
        Reply reply = post("/api/v1/dev/tokens", Map.of("subject", subject, "roles", List.of(roles)), null, Map.of());
        if (reply.status() != 201) {
            throw new IllegalStateException("no token: " + reply);
        }
        return reply.text("token");
    }

    void registerSku(String admin, String sku, long priceMinor, int stock) {
        Map<String, Object> body = new HashMap<>();
        body.put("sku", sku);
        body.put("name", "Bench " + sku);
        body.put("priceMinor", priceMinor);
        body.put("currency", "EUR");
        body.put("lowStockThreshold", 1);
        body.put("attributes", Map.of("size", "M"));
        body.put("imageUrl", null);
        Reply registered = post("/api/v1/admin/skus", body, admin, Map.of());
        if (registered.status() != 201) {
            throw new IllegalStateException("SKU " + sku + " not registered: " + registered);
        }
        Reply received = post("/api/v1/admin/skus/" + sku + "/stock", Map.of("delta", stock, "reason", "received"), admin,
                Map.of());
        if (received.status() / 100 != 2) {
            throw new IllegalStateException("stock for " + sku + " not received: " + received);
        }
    }

    /** The checkout body of the product contract (guest, sandbox payment). */
    static Map<String, Object> checkoutBody(String sku, int quantity, String email) {
        Map<String, Object> address = new HashMap<>();
        address.put("fullName", "Noa Cohen");
        address.put("phone", "+972501112233");
        address.put("line1", "5 Rothschild Blvd");
        address.put("line2", null);
        address.put("city", "Tel Aviv");
        address.put("region", null);
        address.put("postalCode", "6688101");
        address.put("country", "IL");
        Map<String, Object> body = new HashMap<>();
        body.put("items", List.of(Map.of("sku", sku, "quantity", quantity)));
        body.put("email", email);
        body.put("shippingAddress", address);
        body.put("billingAddress", null);
        body.put("paymentMethod", "sandbox");
        body.put("currency", "EUR");
        body.put("discountCode", null);
        body.put("notes", null);
        return body;
    }

    Reply checkout(Map<String, Object> body) {
        return post("/api/v1/checkout", body, null, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    String storeKind() {
        return (realMongo ? "mongodb" : "embedded") + ", " + eventStore;
    }

    /** The event storage engine this engine runs on: {@code global-sequence} or {@code stock}. */
    String eventStore() {
        return eventStore;
    }

    /** The collection that holds the events of this engine's event store. */
    String eventCollection() {
        return "stock".equals(eventStore) ? "domainevents" : "events";
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (realMongo) {
            database().drop();
        }
        context.close();
    }
}
