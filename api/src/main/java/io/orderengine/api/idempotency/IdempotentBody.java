package io.orderengine.api.idempotency;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.util.RawValue;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The body of an answer that may be given again for the same {@code Idempotency-Key}. Whichever it is, it serializes
 * to exactly the JSON of the answer itself: the endpoint's own answer ({@link Fresh}), the problem the first attempt
 * was refused with ({@link Problem}), or the JSON recorded for the first attempt, replayed byte for byte
 * ({@link Recorded}).
 *
 * @param <T> the endpoint's own answer
 */
public sealed interface IdempotentBody<T> {

    /** The endpoint's answer, as it would be without a key. */
    static <T> ResponseEntity<IdempotentBody<T>> fresh(ResponseEntity<T> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(new Fresh<>(answer.getBody()));
    }

    /** The endpoint's answer to this request. */
    record Fresh<T>(T body) implements IdempotentBody<T> {

        @JsonValue
        T json() {
            return body;
        }
    }

    /** The problem a request with this key was refused with. */
    record Problem<T>(ProblemDetail problem) implements IdempotentBody<T> {

        @JsonValue
        ProblemDetail json() {
            return problem;
        }
    }

    /** The JSON recorded for the first request with this key. */
    record Recorded<T>(String json) implements IdempotentBody<T> {

        @JsonValue
        RawValue raw() {
            return new RawValue(json);
        }
    }
}
