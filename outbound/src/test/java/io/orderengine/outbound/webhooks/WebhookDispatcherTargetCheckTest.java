package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check before each delivery, on the real dispatcher: an endpoint registered while private targets were allowed
 * (a receiver on loopback) is not called once the rule no longer allows it; the try fails with "target refused" and
 * no connection is made. Everything here stays on 127.0.0.1.
 */
class WebhookDispatcherTargetCheckTest {

    private final Clock clock = Clock.systemUTC();
    private final WebhookProperties properties = new WebhookProperties(
            3,
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            10,
            4,
            2,
            false);

    private InMemoryMongo mongo;
    private WebhookReceiver receiver;
    private WebhookEndpoints endpoints;
    private WebhookDeliveries deliveries;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        receiver = new WebhookReceiver(WebhookSignature.HEADER);
        endpoints = new WebhookEndpoints(mongo.database(), clock);
        deliveries = new WebhookDeliveries(mongo.database());
    }

    @AfterEach
    void stop() {
        receiver.close();
        mongo.close();
    }

    private static WebhookTargets targets(boolean allowPrivate) {
        return new WebhookTargets(allowPrivate, host -> Arrays.asList(java.net.InetAddress.getAllByName(host)));
    }

    private String enqueue(String path) {
        WebhookTargets whenRegistered = targets(true);
        java.net.URI url = java.net.URI.create(receiver.url(path));
        whenRegistered.check(url);
        WebhookEndpoints.Endpoint endpoint = endpoints.register(
                url.toString(), "whsec_test_secret_0001", List.of(WebhookEventType.STOCK_LOW), "loopback receiver");
        assertThat(deliveries.enqueue(
                        "event-" + path, endpoint.id(), WebhookEventType.STOCK_LOW, "{\"id\":\"e\"}", clock.instant()))
                .isTrue();
        return endpoint.id();
    }

    @Test
    void aTargetNoLongerAllowedIsNotCalledAndTheTryFailsAsRefused() {
        String endpoint = enqueue("/refused");
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliveries, endpoints, properties, targets(false), clock);
        try {
            dispatcher.dispatchDue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries.ofEndpoint(endpoint, 0, 10).stream()
                            .allMatch(d -> d.attempts() == 1 && d.lastError() != null));
            WebhookDeliveries.Delivery tried =
                    deliveries.ofEndpoint(endpoint, 0, 10).get(0);
            assertThat(tried.lastError()).startsWith("target refused:");
            assertThat(tried.lastStatusCode()).isNull();
            assertThat(receiver.at("/refused")).isEmpty();
        } finally {
            dispatcher.stop();
        }
    }

    @Test
    void theSameTargetIsCalledWhenPrivateTargetsAreAllowed() {
        String endpoint = enqueue("/allowed");
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliveries, endpoints, properties, targets(true), clock);
        try {
            dispatcher.dispatchDue();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.at("/allowed").size() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries.ofEndpoint(endpoint, 0, 10).get(0).status()
                            == WebhookDeliveries.Status.DELIVERED);
        } finally {
            dispatcher.stop();
        }
    }

    @Test
    void stoppingWaitsForADeliveryUnderWaySoItsOutcomeIsRecorded() throws Exception {
        CountDownLatch held = receiver.hold("/held");
        String endpoint = enqueue("/held");
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliveries, endpoints, properties, targets(true), clock);
        dispatcher.dispatchDue();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/held").size() == 1);
        held.countDown();
        dispatcher.stop();
        // read at once, no wait: the answer came while stopping, and stop() returned after recording it
        assertThat(deliveries.ofEndpoint(endpoint, 0, 10).get(0).status())
                .isEqualTo(WebhookDeliveries.Status.DELIVERED);
    }

    @Test
    void aNewDeliveryIsSentAtOnceWithoutWaitingForThePoll() {
        // nothing calls dispatchDue here (no scheduler runs in this test): only the wake-up of the enqueue can send it
        WebhookDispatcher dispatcher = new WebhookDispatcher(deliveries, endpoints, properties, targets(true), clock);
        try {
            enqueue("/woken");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.at("/woken").size() == 1);
        } finally {
            dispatcher.stop();
        }
    }
}
