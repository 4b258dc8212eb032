package io.orderengine.api.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem for an error known only by its status: Tomcat's own refusals (a request line or header it cannot
 * parse) and errors that reach {@code /error}. Says nothing of the cause.
 */
public final class ErrorProblems {

    private ErrorProblems() {}

    public static ProblemDetail forStatus(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null || !status.isError()) {
            status = code >= 400 && code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status == HttpStatus.NOT_FOUND) {
            return Problems.of(status, "not-found", "The resource was not found.");
        }
        if (status == HttpStatus.BAD_REQUEST) {
            return Problems.of(status, "request", "The request is malformed.");
        }
        if (status.is4xxClientError()) {
            return Problems.of(status, "request", "The request failed.");
        }
        return Problems.of(status, "internal", "Something went wrong on our side.");
    }
}
