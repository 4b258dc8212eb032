package io.orderengine.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.Problems;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore.RecordedAnswer;
import io.orderengine.infrastructure.idempotency.IdempotencyKeyStore.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys for retried client requests (the {@code Idempotency-Key} header). The first request with a key
 * claims it (in {@link IdempotencyKeyStore}, so two racing requests cannot both win), runs, and its answer is
 * recorded: a retry with the same key and body gets the recorded answer again (same status and body); the same key
 * with another body is refused (422); while the first is still running a retry gets 409. If the first attempt fails
 * with an unexpected error (a 5xx) the claim is dropped so the request may be retried. Keys are kept for
 * {@link #RETENTION}.
 *
 * <p>A recorded answer is replayed only to the caller that made the first request ({@link IdempotencyScope}): keys
 * are scoped to a signed-in caller's subject; in a guest scope the first request's {@value #CLIENT_SECRET_HEADER}
 * (the client's own random value, or one the first answer carries when it sent none) is recorded as a hash, and a
 * request without that secret gets 409 {@code idempotency-key-other-client}, never the recorded answer.
 */
@Component
public class ClientIdempotency {

    public static final Duration RETENTION = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(ClientIdempotency.class);
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    /** The header a guest's retry proves with that it comes from the client that sent the first request. */
    public static final String CLIENT_SECRET_HEADER = "Idempotency-Client-Secret";

    private static final Pattern CLIENT_SECRET = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final int SECRET_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdempotencyKeyStore keys;
    private final ObjectMapper mapper;
    private final Clock clock;

    public ClientIdempotency(IdempotencyKeyStore keys, ObjectMapper mapper, Clock clock) {
        this.keys = keys;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Runs {@code action} at most once per (scope, key) where the scope names the caller: {@link IdempotencyScope#of}. */
    public <T> ResponseEntity<IdempotentBody<T>> execute(
            String scope, String key, Object request, Supplier<ResponseEntity<T>> action) {
        return execute(IdempotencyScope.of(scope), key, request, action);
    }

    /**
     * Runs {@code action} at most once per (scope, key): see the class comment for what retries get.
     *
     * @param scope   whose key this is, and whether a replay needs the client's secret
     * @param key     the client's Idempotency-Key header
     * @param request the parsed request, hashed to recognise "same key, other body"
     */
    public <T> ResponseEntity<IdempotentBody<T>> execute(
            IdempotencyScope scope, String key, Object request, Supplier<ResponseEntity<T>> action) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency-key-required", "The Idempotency-Key header is required.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiException.badRequest("validation", "The Idempotency-Key header is longer than 255 characters.");
        }
        String sent = scope.guest() ? clientSecret(scope.clientSecret()) : null;
        String id = sha256(scope.name() + "\n" + key);
        String requestHash = sha256(json(request));
        Instant now = clock.instant();
        String secret = scope.guest() && sent == null ? newClientSecret() : sent;
        String clientHash = secret == null ? null : sha256(secret);
        if (!keys.claim(id, requestHash, clientHash, now, now.plus(RETENTION))) {
            if (!keys.releaseAbandoned(id, now.minus(ABANDONED_AFTER))) {
                return replay(id, requestHash, scope.guest() ? (sent == null ? "" : sha256(sent)) : null);
            }
            return execute(scope, key, request, action);
        }
        ResponseEntity<IdempotentBody<T>> response;
        try {
            response = IdempotentBody.fresh(action.get());
        } catch (ApiException e) {
            ProblemDetail problem = Problems.of(e);
            response = ResponseEntity.status(e.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(new IdempotentBody.Problem<>(problem));
        } catch (RuntimeException e) {
            keys.release(id);
            throw e;
        }
        if (response.getStatusCode().is5xxServerError()) {
            keys.release(id);
            return response;
        }
        MediaType type = response.getHeaders().getContentType();
        keys.complete(
                id,
                new RecordedAnswer(
                        response.getStatusCode().value(),
                        type == null ? MediaType.APPLICATION_JSON_VALUE : type.toString(),
                        response.getHeaders().getFirst("Location"),
                        json(response.getBody())));
        if (secret != null && sent == null) {
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .header(CLIENT_SECRET_HEADER, secret)
                    .body(response.getBody());
        }
        return response;
    }

    /**
     * @param clientHash null when the scope names the caller; else the hash of the secret this request sent ("" when
     *                   it sent none), which must be the one recorded with the key
     */
    private <T> ResponseEntity<IdempotentBody<T>> replay(String id, String requestHash, String clientHash) {
        StoredKey existing = keys.find(id)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT,
                        "idempotency-key-in-use",
                        "A request with this Idempotency-Key was just abandoned; retry it."));
        if (clientHash != null && !sameClient(clientHash, existing.clientHash())) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "idempotency-key-other-client",
                    "This Idempotency-Key was used by another client. A retry must send the " + CLIENT_SECRET_HEADER
                            + " header of the first request (or the one its answer carried); else use a new key.");
        }
        if (!requestHash.equals(existing.requestHash())) {
            throw ApiException.unprocessable(
                    "idempotency-key-reused", "This Idempotency-Key was already used with a different request body.");
        }
        if (!existing.done()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "idempotency-key-in-use",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        RecordedAnswer answer = existing.answer();
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.status())
                .contentType(MediaType.parseMediaType(answer.contentType()))
                .header("Idempotent-Replayed", "true");
        if (answer.location() != null) {
            builder.header("Location", answer.location());
        }
        return builder.body(new IdempotentBody.Recorded<>(answer.body()));
    }

    /** Keys claimed before secrets were recorded (no hash) are never replayed to a guest. */
    private static boolean sameClient(String sent, String recorded) {
        return recorded != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.US_ASCII), recorded.getBytes(StandardCharsets.US_ASCII));
    }

    /** The client's secret when it sent one, checked for shape; null when it sent none. */
    private static String clientSecret(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        if (!CLIENT_SECRET.matcher(header).matches()) {
            throw ApiException.badRequest(
                    "validation",
                    "The " + CLIENT_SECRET_HEADER + " header must be 16 to 128 characters of A-Z, a-z, 0-9, '-' and"
                            + " '_' (a random value, e.g. a UUID).");
        }
        return header;
    }

    private static String newClientSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The embedded store ignores TTL indexes: sweep expired keys ourselves (harmless on real MongoDB). */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void sweepExpired() {
        long removed = keys.removeExpired(clock.instant());
        if (removed > 0) {
            log.debug("Removed {} expired idempotency keys", removed);
        }
    }

    /**
     * The request's fingerprint: map entries sorted by key, so the same request hashes the same in every JVM ({@code
     * Map.of} iterates in an order that changes from one run to the next, and a retry after a restart must replay).
     */
    String json(Object value) {
        try {
            return mapper.writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize for idempotency", e);
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
