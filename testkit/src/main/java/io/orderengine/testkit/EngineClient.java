package io.orderengine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for driving a running engine over HTTP, the way the checkout UI does; used by tests and the bench. */
public final class EngineClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final Duration requestTimeout;

    /** A client for the engine on {@code port} of the loopback address, as the tests use it (30 s per request). */
    public EngineClient(int port) {
        this(port, Duration.ofSeconds(30), HttpClient.Version.HTTP_2);
    }

    /**
     * A client with its own request time-out and HTTP version; the bench uses HTTP/1.1 (no upgrade attempt on every
     * connection) and a longer time-out for requests queued behind a loaded engine.
     */
    public EngineClient(int port, Duration requestTimeout, HttpClient.Version version) {
        this.base = "http://127.0.0.1:" + port;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public record Reply(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply post(String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Reply post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    public Reply patch(String path, Object body, String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))));
    }

    public String token(String subject, String... roles) {
        Reply reply = post("/api/v1/dev/tokens", Map.of("subject", subject, "roles", java.util.List.of(roles)), null);
        if (reply.status() != 201) {
            throw new IllegalStateException("no token: " + reply);
        }
        return reply.text("token");
    }

    public Reply registerSku(String admin, String sku, long priceMinor, int stock) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("sku", sku);
        body.put("name", "Test " + sku);
        body.put("priceMinor", priceMinor);
        body.put("currency", "EUR");
        body.put("lowStockThreshold", 1);
        body.put("attributes", Map.of("color", "blue"));
        body.put("imageUrl", null);
        Reply registered = post("/api/v1/admin/skus", body, admin);
        if (registered.status() != 201) {
            return registered;
        }
        return stock > 0
                ? post("/api/v1/admin/skus/" + sku + "/stock", Map.of("delta", stock, "reason", "received"), admin)
                : registered;
    }

    /** A checkout body in the exact shape of PRODUCT.md. */
    public static Map<String, Object> checkoutBody(String sku, int quantity, String email) {
        Map<String, Object> address = new java.util.HashMap<>();
        address.put("fullName", "Noa Cohen");
        address.put("phone", "+972501112233");
        address.put("line1", "5 Rothschild Blvd");
        address.put("line2", null);
        address.put("city", "Tel Aviv");
        address.put("region", null);
        address.put("postalCode", "6688101");
        address.put("country", "IL");
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("items", java.util.List.of(Map.of("sku", sku, "quantity", quantity)));
        body.put("email", email);
        body.put("shippingAddress", address);
        body.put("billingAddress", null);
        body.put("paymentMethod", "sandbox");
        body.put("currency", "EUR");
        body.put("discountCode", null);
        body.put("notes", null);
        return body;
    }

    public Reply checkout(Map<String, Object> body, String token) {
        return post(
                "/api/v1/checkout",
                body,
                token,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(requestTimeout)
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
            return new Reply(response.statusCode(), body, response.headers().map());
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
}
