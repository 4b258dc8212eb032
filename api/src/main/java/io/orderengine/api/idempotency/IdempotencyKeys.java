package io.orderengine.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.Problems;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * Idempotency keys for retried client requests. The first request with a key claims it (an insert under a unique
 * {@code _id} = hash of caller scope + key, so two racing requests cannot both win), runs, and stores its answer:
 * a retry with the same key and body gets the stored answer again (same status and body); the same key with another
 * body is refused (422); while the first is still running a retry gets 409. If the first attempt fails with an
 * unexpected error (a 5xx) the claim is dropped so the request may be retried. Keys are kept for
 * {@link #RETENTION}: a TTL index on real MongoDB, and a scheduled sweep for the embedded store which ignores TTL.
 */
@Component
public class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final MongoCollection<Document> keys;
    private final ObjectMapper mapper;
    private final Clock clock;

    public IdempotencyKeys(MongoDatabase database, ObjectMapper mapper, Clock clock) {
        this.keys = database.getCollection("idempotency_keys");
        this.mapper = mapper;
        this.clock = clock;
        keys.createIndex(Indexes.ascending("expireAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /**
     * Runs {@code action} at most once per (scope, key): see the class comment for what retries get.
     *
     * @param scope   whose key this is (the caller's subject, or a fixed scope for guests)
     * @param key     the client's Idempotency-Key header
     * @param request the parsed request, hashed to recognise "same key, other body"
     */
    public ResponseEntity<?> execute(String scope, String key, Object request, Supplier<ResponseEntity<?>> action) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency-key-required", "The Idempotency-Key header is required.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("validation", "The Idempotency-Key header is longer than 255 characters.");
        }
        String id = sha256(scope + "\n" + key);
        String requestHash = sha256(json(request));
        Instant now = clock.instant();
        try {
            keys.insertOne(new Document("_id", id).append("requestHash", requestHash).append("state", "IN_FLIGHT")
                    .append("createdAt", Date.from(now)).append("expireAt", Date.from(now.plus(RETENTION))));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            if (!takeOverAbandoned(id, now)) {
                return replay(id, requestHash);
            }
            return execute(scope, key, request, action);
        }
        ResponseEntity<?> response;
        try {
            response = action.get();
        } catch (ApiException e) {
            ProblemDetail problem = Problems.of(e.status(), e.kind(), e.getMessage());
            response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        } catch (RuntimeException e) {
            keys.deleteOne(eq("_id", id));
            throw e;
        }
        if (response.getStatusCode().is5xxServerError()) {
            keys.deleteOne(eq("_id", id));
            return response;
        }
        MediaType type = response.getHeaders().getContentType();
        keys.updateOne(eq("_id", id), new Document("$set", new Document("state", "DONE")
                .append("status", response.getStatusCode().value())
                .append("contentType", type == null ? MediaType.APPLICATION_JSON_VALUE : type.toString())
                .append("location", response.getHeaders().getFirst("Location"))
                .append("body", json(response.getBody()))));
        return response;
    }

    /**
     * A claim still IN_FLIGHT long after any request could take means its engine died mid-request: drop it so the
     * retry runs. Callers make that safe by deriving the ids they create from the key (see CheckoutService).
     */
    private boolean takeOverAbandoned(String id, Instant now) {
        return keys.deleteOne(and(eq("_id", id), eq("state", "IN_FLIGHT"),
                lt("createdAt", Date.from(now.minus(ABANDONED_AFTER))))).getDeletedCount() == 1;
    }

    private ResponseEntity<?> replay(String id, String requestHash) {
        Document existing = keys.find(eq("_id", id)).first();
        if (existing == null) {
            throw new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "A request with this Idempotency-Key was just abandoned; retry it.");
        }
        if (!requestHash.equals(existing.getString("requestHash"))) {
            throw ApiException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request body.");
        }
        if (!"DONE".equals(existing.getString("state"))) {
            throw new ApiException(HttpStatus.CONFLICT, "idempotency-key-in-use",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(existing.getInteger("status"))
                .contentType(MediaType.parseMediaType(existing.getString("contentType")))
                .header("Idempotent-Replayed", "true");
        String location = existing.getString("location");
        if (location != null) {
            builder.header("Location", location);
        }
        return builder.body(existing.getString("body"));
    }

    /** The embedded store ignores TTL indexes: sweep expired keys ourselves (harmless on real MongoDB). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void sweepExpired() {
        long removed = keys.deleteMany(and(lt("expireAt", Date.from(clock.instant())), eq("state", "DONE")))
                .getDeletedCount();
        if (removed > 0) {
            log.debug("Removed {} expired idempotency keys", removed);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize for idempotency", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
