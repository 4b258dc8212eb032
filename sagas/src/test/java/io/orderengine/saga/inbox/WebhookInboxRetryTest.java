package io.orderengine.saga.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's own retries of the webhook inbox: after a simulated processing failure the entry keeps its payload
 * and its attempt, and is replayed from the payload once its pause is over (growing with every retry, up to a limit);
 * an unfinished entry is retried too; two instances never replay the same entry at once; processed entries are left
 * alone; the payload goes through the protection hook both ways.
 */
class WebhookInboxRetryTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final InboxProperties properties = new InboxProperties(
            Duration.ofDays(90),
            Duration.ofSeconds(30),
            Duration.ofSeconds(90),
            3,
            Duration.ofMinutes(5),
            Duration.ofMinutes(2),
            Duration.ofSeconds(15));
    private final List<String> protectedPayloads = new ArrayList<>();
    private final InboxPayloadProtection reversing = new InboxPayloadProtection() {
        @Override
        public String protect(String provider, String payload) {
            protectedPayloads.add(payload);
            return new StringBuilder(payload).reverse().toString();
        }

        @Override
        public String reveal(String provider, String stored) {
            return new StringBuilder(stored).reverse().toString();
        }
    };
    private final WebhookInbox inbox = new WebhookInbox(mongo.database(), clock, properties, reversing);
    private final List<String> replayed = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    WebhookInboxRetryTest() {
        inbox.ensureIndexes();
        inbox.register("stripe", (type, payload) -> {
            replayed.add(type + " " + payload);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("gateway unreachable");
            }
        });
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private void failADelivery(String eventId) {
        assertThatThrownBy(() -> inbox.process(
                        "stripe", eventId, "payment_intent.succeeded", "{\"id\":\"" + eventId + "\"}", () -> {
                            throw new IllegalStateException("command bus down");
                        }))
                .isInstanceOf(WebhookProcessingException.class);
    }

    @Test
    void aFailedNotificationIsRetriedByTheEngineFromItsStoredPayloadAfterItsPause() {
        failADelivery("evt_1");
        assertThat(inbox.entry("stripe", "evt_1")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("FAILED");
            assertThat(entry.replayable()).isTrue();
            assertThat(entry.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
            assertThat(entry.attemptLog()).extracting(WebhookInbox.Attempt::by).containsExactly("delivery");
        });

        assertThat(inbox.retryDue(10)).isZero();
        clock.advance(Duration.ofSeconds(31));
        assertThat(inbox.retryDue(10)).isEqualTo(1);

        assertThat(replayed).containsExactly("payment_intent.succeeded {\"id\":\"evt_1\"}");
        assertThat(protectedPayloads).containsExactly("{\"id\":\"evt_1\"}");
        assertThat(inbox.entry("stripe", "evt_1")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("PROCESSED");
            assertThat(entry.nextAttemptAt()).isNull();
            assertThat(entry.attempts()).isEqualTo(2);
            assertThat(entry.attemptLog())
                    .extracting(WebhookInbox.Attempt::by, WebhookInbox.Attempt::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("delivery", "FAILED"),
                            org.assertj.core.groups.Tuple.tuple("engine", "PROCESSED"));
        });
        clock.advance(Duration.ofHours(1));
        assertThat(inbox.retryDue(10)).isZero();
        assertThat(replayed).hasSize(1);
    }

    @Test
    void thePauseDoublesWithEveryFailedRetryUpToItsCapAndTheEngineGivesUpAfterItsRetries() {
        failuresLeft.set(100);
        failADelivery("evt_2");
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant before = clock.instant();
            Instant next = inbox.entry("stripe", "evt_2").orElseThrow().nextAttemptAt();
            if (next == null) {
                break;
            }
            pauses.add(Duration.between(before, next));
            clock.advance(Duration.between(before, next).plusSeconds(1));
            inbox.retryDue(10);
        }

        assertThat(pauses).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(90));
        assertThat(replayed).hasSize(3);
        assertThat(inbox.entry("stripe", "evt_2")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("FAILED");
            assertThat(entry.nextAttemptAt()).isNull();
        });
        assertThat(inbox.retry("stripe:evt_2").outcome()).isEqualTo(WebhookInbox.Retry.FAILED);
    }

    @Test
    void aNotificationLeftUnfinishedIsRetriedOnceItsPendingTimeIsOver() {
        assertThatThrownBy(() -> inbox.process("stripe", "evt_3", "payment_intent.succeeded", "{}", () -> {
                    throw new AssertionError("simulated: the engine stopped while the work ran");
                }))
                .isInstanceOf(AssertionError.class);
        assertThat(inbox.entry("stripe", "evt_3").orElseThrow().status()).isEqualTo("RECEIVED");

        clock.advance(Duration.ofMinutes(4));
        assertThat(inbox.retryDue(10)).isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(inbox.retryDue(10)).isEqualTo(1);

        assertThat(inbox.entry("stripe", "evt_3").orElseThrow().status()).isEqualTo("PROCESSED");
    }

    @Test
    void anEntryBeingRetriedByOneInstanceIsNotTakenByAnother() {
        WebhookInbox first = new WebhookInbox(mongo.database(), clock, properties, reversing);
        WebhookInbox second = new WebhookInbox(mongo.database(), clock, properties, reversing);
        List<Integer> foundBySecondMeanwhile = new ArrayList<>();
        first.register("stripe", (type, payload) -> {
            replayed.add("first");
            foundBySecondMeanwhile.add(second.retryDue(10));
        });
        second.register("stripe", (type, payload) -> replayed.add("second"));
        failADelivery("evt_4");
        clock.advance(Duration.ofSeconds(31));

        assertThat(first.retryDue(10)).isEqualTo(1);

        assertThat(replayed).containsExactly("first");
        assertThat(foundBySecondMeanwhile).containsExactly(0);
    }
}
