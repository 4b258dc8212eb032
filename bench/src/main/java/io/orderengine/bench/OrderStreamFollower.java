package io.orderengine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows an order the way the shop's order page does: one {@code GET /api/v1/orders/{id}/stream} (server-sent
 * events), reading each {@code order} event as it comes, until the stream's {@code end} event or until the order is
 * in the awaited status. Loopback only.
 */
final class OrderStreamFollower {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;

    OrderStreamFollower(int port) {
        this.port = port;
    }

    /**
     * Opens the stream at {@code path} (with its {@code ?token=}) and hands every order event to {@code onOrder};
     * returns once an order event or the end event shows {@code status}. Fails when the stream ends first.
     */
    void follow(String path, String status, Consumer<JsonNode> onOrder) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IllegalStateException("stream " + path + " answered " + response.statusCode());
            }
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring("data:".length()));
                    } else if (line.isEmpty() && event != null) {
                        JsonNode body = JSON.readTree(data.toString());
                        if (status.equals(body.path("status").asText())) {
                            if ("order".equals(event)) {
                                onOrder.accept(body);
                            }
                            return;
                        }
                        if ("end".equals(event)) {
                            break;
                        }
                        onOrder.accept(body);
                        event = null;
                        data.setLength(0);
                    }
                }
            }
            throw new IllegalStateException("the stream of " + path + " ended before the order was " + status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
