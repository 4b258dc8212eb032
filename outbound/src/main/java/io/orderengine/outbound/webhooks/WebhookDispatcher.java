package io.orderengine.outbound.webhooks;

import io.micrometer.core.instrument.Metrics;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Posts due webhook deliveries from the outbox. Each poll claims what is due and sends it asynchronously with a
 * connect and a request timeout, so the poll never waits for a receiver; at most {@code max-in-flight} deliveries are
 * under way, and at most {@code max-in-flight-per-endpoint} to one endpoint, so a slow or dead endpoint holds a few
 * slots for one timeout at most and every other endpoint keeps getting its deliveries. A 2xx answer delivers; any
 * other answer, a timeout or a connection error schedules the next try with exponential backoff, up to
 * {@code max-attempts}. Before each try the target is resolved and checked by {@link WebhookTargets} (a refused target
 * fails the try without a connection). Several engine instances may run this: claims are compare-and-set in MongoDB.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final WebhookTargets targets;
    private final Clock clock;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();

    public WebhookDispatcher(
            WebhookDeliveries deliveries,
            WebhookEndpoints endpoints,
            WebhookProperties properties,
            WebhookTargets targets,
            Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.properties = properties;
        this.targets = targets;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(callbacks)
                .build();
        deliveries.whenDueNow(this::wake);
    }

    /**
     * A delivery this instance made due now is sent at once (on a thread of the dispatcher's own, never on the
     * caller's): several requests while one dispatch is waiting to run make one dispatch.
     */
    private void wake() {
        if (wakeUpPending.compareAndSet(false, true)) {
            wakeUps.execute(() -> {
                wakeUpPending.set(false);
                try {
                    dispatchDue();
                } catch (RuntimeException e) {
                    log.warn("Webhooks: dispatching failed; the next poll tries again", e);
                }
            });
        }
    }

    /**
     * The poll finds what no wake-up announced: retries whose wait is over, deliveries of instances that died while
     * sending, and deliveries other instances made due.
     */
    @Scheduled(fixedDelayString = "${engine.webhooks.poll-interval:PT5S}", initialDelayString = "PT2S")
    synchronized void dispatchDue() {
        int free = properties.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return;
        }
        Instant now = clock.instant();
        List<String> busy = inFlightByEndpoint.entrySet().stream()
                .filter(e -> e.getValue().get() >= properties.maxInFlightPerEndpoint())
                .map(Map.Entry::getKey)
                .toList();
        for (WebhookDeliveries.Delivery due : deliveries.due(now, Math.min(free, properties.batchSize()), busy)) {
            AtomicInteger endpointLoad = load(due.endpointId());
            if (endpointLoad.get() >= properties.maxInFlightPerEndpoint()
                    || inFlight.get() >= properties.maxInFlight()) {
                continue;
            }
            Optional<WebhookDeliveries.Delivery> claimed =
                    deliveries.claim(due.id(), now, now.plus(properties.claimDuration()));
            claimed.ifPresent(this::send);
        }
    }

    private void send(WebhookDeliveries.Delivery delivery) {
        Optional<WebhookEndpoints.Endpoint> endpoint = endpoints.find(delivery.endpointId());
        if (endpoint.isEmpty()) {
            deliveries.cancel(delivery.id(), "endpoint deleted");
            return;
        }
        HttpRequest request;
        try {
            URI target = URI.create(endpoint.get().url());
            // resolved and checked again now, not only at registration: the name may point elsewhere today
            targets.checkBeforeDelivery(target);
            request = HttpRequest.newBuilder(target)
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "order-engine-webhooks")
                    .header("X-OrderEngine-Event", delivery.eventType())
                    .header("X-OrderEngine-Delivery", delivery.id())
                    .header(
                            WebhookSignature.HEADER,
                            WebhookSignature.header(endpoint.get().secret(), clock.instant(), delivery.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
        } catch (WebhookTargets.RefusedException e) {
            failed(delivery, null, "target refused: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            failed(delivery, null, "invalid endpoint URL: " + e.getMessage());
            return;
        }
        AtomicInteger endpointLoad = load(delivery.endpointId());
        inFlight.incrementAndGet();
        endpointLoad.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    failed(delivery, null, describe(error));
                } else if (response.statusCode() / 100 == 2) {
                    deliveries.delivered(delivery.id(), response.statusCode(), clock.instant());
                    count("delivered");
                } else {
                    failed(delivery, response.statusCode(), "HTTP " + response.statusCode());
                }
            } catch (RuntimeException e) {
                log.error(
                        "Webhook delivery {}: outcome could not be recorded; the claim runs out and it is tried "
                                + "again",
                        delivery.id(),
                        e);
            } finally {
                endpointLoad.decrementAndGet();
                if (inFlight.decrementAndGet() == 0) {
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            }
        });
    }

    private AtomicInteger load(String endpointId) {
        return inFlightByEndpoint.computeIfAbsent(endpointId, id -> new AtomicInteger());
    }

    private void failed(WebhookDeliveries.Delivery delivery, Integer statusCode, String error) {
        boolean last = delivery.attempts() >= properties.maxAttempts();
        Instant next = last ? null : clock.instant().plus(properties.backoffBefore(delivery.attempts() + 1));
        log.info(
                "Webhook delivery {} ({}) try {} of {} failed: {}{}",
                delivery.id(),
                delivery.eventType(),
                delivery.attempts(),
                properties.maxAttempts(),
                error,
                last ? "; giving up" : "; next try at " + next);
        deliveries.failed(delivery.id(), statusCode, error, next);
        count(last ? "gave-up" : "failed");
    }

    /** Counted in Micrometer's global registry, which Spring Boot binds to the engine's. */
    private static void count(String outcome) {
        Metrics.counter("orderengine.webhooks.deliveries", "outcome", outcome).increment();
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return "timed out: " + cause.getMessage();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Stops sending. Deliveries under way are waited for (at most the request timeout, which ends each of them anyway),
     * so their outcome is recorded while the store is still open: a delivery cut off here would be sent again once its
     * claim runs out, a duplicate the receiver did not need.
     */
    @PreDestroy
    void stop() {
        wakeUps.shutdownNow();
        long deadline = System.nanoTime() + properties.requestTimeout().toNanos();
        synchronized (inFlight) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    inFlight.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (inFlight.get() > 0) {
            log.info("Webhooks: stopped with {} deliveries under way; they are tried again", inFlight.get());
        }
        callbacks.shutdownNow();
    }
}
