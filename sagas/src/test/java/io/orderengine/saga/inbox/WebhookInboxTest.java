package io.orderengine.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookInboxTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final WebhookInbox inbox = new WebhookInbox(mongo.database(), clock);
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void anEventIsProcessedOnceAndAcknowledgedWithoutEffectWhenDeliveredAgain() {
        assertThat(inbox.process("stripe", "evt_1", "payment_intent.succeeded", runs::incrementAndGet))
                .isEqualTo(WebhookInbox.Outcome.PROCESSED);
        assertThat(inbox.process("stripe", "evt_1", "payment_intent.succeeded", runs::incrementAndGet))
                .isEqualTo(WebhookInbox.Outcome.ALREADY_PROCESSED);

        assertThat(runs).hasValue(1);
        assertThat(inbox.entry("stripe", "evt_1")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("PROCESSED");
            assertThat(entry.attempts()).isEqualTo(2);
            assertThat(entry.expireAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        });
    }

    @Test
    void aFailedProcessingIsReportedAndTheNextDeliveryProcessesIt() {
        assertThatThrownBy(() -> inbox.process("paypal", "WH-1", "PAYMENT.CAPTURE.COMPLETED", () -> {
                    throw new IllegalStateException("command bus down");
                }))
                .isInstanceOf(WebhookProcessingException.class)
                .hasMessageContaining("command bus down");
        assertThat(inbox.entry("paypal", "WH-1")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("FAILED");
            assertThat(entry.lastError()).contains("command bus down");
        });

        assertThat(inbox.process("paypal", "WH-1", "PAYMENT.CAPTURE.COMPLETED", runs::incrementAndGet))
                .isEqualTo(WebhookInbox.Outcome.PROCESSED);
        assertThat(runs).hasValue(1);
        assertThat(inbox.entry("paypal", "WH-1"))
                .hasValueSatisfying(entry -> assertThat(entry.lastError()).isNull());
    }

    @Test
    void eachOutcomeIsCountedPerProvider() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            inbox.process("stripe", "evt_m", "t", runs::incrementAndGet);
            inbox.process("stripe", "evt_m", "t", runs::incrementAndGet);
            assertThatThrownBy(() -> inbox.process("stripe", "evt_n", "t", () -> {
                        throw new IllegalStateException("down");
                    }))
                    .isInstanceOf(WebhookProcessingException.class);

            for (String outcome : List.of("processed", "already-processed", "failed")) {
                assertThat(registry.get("orderengine.inbox.events")
                                .tags("provider", "stripe", "outcome", outcome)
                                .counter()
                                .count())
                        .as(outcome)
                        .isEqualTo(1);
            }
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void theSameEventIdOfAnotherProviderIsAnotherEvent() {
        inbox.process("stripe", "1", "t", runs::incrementAndGet);
        inbox.process("paypal", "1", "t", runs::incrementAndGet);

        assertThat(runs).hasValue(2);
    }

    @Test
    void entriesAreKeptNinetyDaysThenPurgedWithTheirPayloadsAndAttempts() {
        inbox.ensureIndexes();
        assertThatThrownBy(() -> inbox.process("stripe", "evt_old", "t", "{\"id\":\"evt_old\"}", () -> {
                    throw new IllegalStateException("down");
                }))
                .isInstanceOf(WebhookProcessingException.class);
        inbox.process("stripe", "evt_old", "t", "{\"id\":\"evt_old\"}", runs::incrementAndGet);
        clock.advance(Duration.ofDays(45));
        inbox.process("stripe", "evt_new", "t", runs::incrementAndGet);

        clock.advance(Duration.ofDays(45).plusSeconds(1));
        assertThat(inbox.purgeExpired()).isEqualTo(1);

        assertThat(inbox.entry("stripe", "evt_old")).isEmpty();
        assertThat(inbox.entry("stripe", "evt_new")).isPresent();
        assertThat(mongo.database()
                        .getCollection(InboxEntries.COLLECTION)
                        .countDocuments(new org.bson.Document("payload", "{\"id\":\"evt_old\"}")))
                .as("no payload or attempt of a purged entry is left")
                .isZero();
    }

    @Test
    void aNewEventDeliveredManyTimesAtOnceIsRecordedOnceWithEveryDeliveryCounted() throws Exception {
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<WebhookInbox.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return inbox.process("stripe", "evt_race", "payment_intent.succeeded", runs::incrementAndGet);
                }));
            }
            start.countDown();
            for (Future<WebhookInbox.Outcome> outcome : outcomes) {
                assertThat(outcome.get()).isIn(WebhookInbox.Outcome.PROCESSED, WebhookInbox.Outcome.ALREADY_PROCESSED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs.get()).isBetween(1, deliveries);
        assertThat(inbox.entry("stripe", "evt_race")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("PROCESSED");
            assertThat(entry.attempts()).isEqualTo(deliveries);
        });
    }
}
