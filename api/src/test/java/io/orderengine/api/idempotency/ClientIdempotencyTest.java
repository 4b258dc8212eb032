package io.orderengine.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.web.ApiException;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore.RecordedAnswer;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ClientIdempotencyTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final IdempotencyKeyStore store = new IdempotencyKeyStore(mongo.database());
    private final ClientIdempotency idempotency = new ClientIdempotency(store, new ObjectMapper(), Clock.systemUTC());
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void fingerprintsARequestTheSameWhateverOrderItsMapIteratesIn() {
        Map<String, Object> oneOrder = new LinkedHashMap<>();
        oneOrder.put("status", "3e227140");
        oneOrder.put("body", Map.of("note", "x"));
        Map<String, Object> otherOrder = new LinkedHashMap<>();
        otherOrder.put("body", Map.of("note", "x"));
        otherOrder.put("status", "3e227140");

        assertThat(idempotency.json(oneOrder)).isEqualTo(idempotency.json(otherOrder));
    }

    @Test
    void aGuestScopedAnswerIsReplayedOnlyWithTheFirstRequestsSecret() {
        String secret = "browser-secret-0123456789";
        ResponseEntity<IdempotentBody<String>> first =
                idempotency.execute(IdempotencyScope.guest("guest", secret), "k-1", "body", this::created);

        assertThat(first.getHeaders().get(ClientIdempotency.CLIENT_SECRET_HEADER))
                .as("a secret the client chose is not sent back")
                .isNull();
        assertOtherClient(
                () -> idempotency.execute(IdempotencyScope.guest("guest", null), "k-1", "body", this::created));
        assertOtherClient(() -> idempotency.execute(
                IdempotencyScope.guest("guest", "another-secret-0123456789"), "k-1", "body", this::created));
        assertThat(idempotency
                        .execute(IdempotencyScope.guest("guest", secret), "k-1", "body", this::created)
                        .getHeaders()
                        .getFirst("Idempotent-Replayed"))
                .isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCallerScopeReplaysToEveryRequestInIt() {
        idempotency.execute("subject:alice", "k-2", "body", this::created);
        ResponseEntity<IdempotentBody<String>> again =
                idempotency.execute("subject:alice", "k-2", "body", this::created);

        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aGuestKeyRecordedBeforeSecretsExistedIsNeverReplayedToAGuest() {
        String id = ClientIdempotency.sha256("guest\nk-3");
        Instant now = Instant.now();
        store.claim(id, ClientIdempotency.sha256(idempotency.json("body")), now, now.plusSeconds(3600));
        store.complete(id, new RecordedAnswer(201, "application/json", null, "{\"guestToken\":\"t\"}"));

        assertOtherClient(() -> idempotency.execute(
                IdempotencyScope.guest("guest", "any-secret-0123456789"), "k-3", "body", this::created));
        assertThat(runs).hasValue(0);
    }

    private ResponseEntity<String> created() {
        runs.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED).body("placed");
    }

    private static void assertOtherClient(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.kind()).isEqualTo("idempotency-key-other-client");
        });
    }
}
