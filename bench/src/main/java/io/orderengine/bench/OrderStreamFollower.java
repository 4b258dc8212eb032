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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows an order the way the shop's order page does: one {@code GET /api/v1/orders/{id}/stream} (server-sent
 * events), reading each {@code order} event as it comes, until the stream's {@code end} event or until the order is
 * in the awaited status, at most {@link #AT_MOST} (the stream is closed then, and the follow fails). Loopback only.
 */
final class OrderStreamFollower {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one order may be followed, as the polling clients wait at most 60 s for each step. */
    static final Duration AT_MOST = Duration.ofSeconds(120);
    /** Closes streams that outlive {@link #AT_MOST}, so that a blocked read ends. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-stream-watchdog");
        thread.setDaemon(true);
        return thread;
    });

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
            InputStream body = response.body();
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(
                    () -> {
                        try {
                            body.close();
                        } catch (IOException ignored) {
                            // the read fails either way
                        }
                    },
                    AT_MOST.toMillis(),
                    TimeUnit.MILLISECONDS);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring("data:".length()));
                    } else if (line.isEmpty() && event != null) {
                        JsonNode order = JSON.readTree(data.toString());
                        if (status.equals(order.path("status").asText())) {
                            if ("order".equals(event)) {
                                onOrder.accept(order);
                            }
                            return;
                        }
                        if ("end".equals(event)) {
                            break;
                        }
                        onOrder.accept(order);
                        event = null;
                        data.setLength(0);
                    }
                }
            } finally {
                watchdog.cancel(false);
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
