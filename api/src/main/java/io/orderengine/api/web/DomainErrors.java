package io.orderengine.api.web;

import io.orderengine.messages.rejection.DomainRejection;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Maps rejections raised by the domain to problem details: a {@link DomainRejection} by its kind and type, and an
 * {@link IllegalArgumentException} (a message record's shape check) as a validation problem. Their messages are
 * written for clients (they name states, quantities and values, never internals).
 */
final class DomainErrors {

    private DomainErrors() {}

    static Optional<ProblemDetail> toProblem(Throwable error) {
        if (error instanceof DomainRejection rejection) {
            return Optional.of(Problems.of(
                    HttpStatus.valueOf(rejection.kind().status()), rejection.type(), rejection.getMessage()));
        }
        if (error instanceof IllegalArgumentException) {
            // the client sent something the domain cannot represent
            return Optional.of(Problems.of(HttpStatus.BAD_REQUEST, "validation", error.getMessage()));
        }
        return Optional.empty();
    }
}
