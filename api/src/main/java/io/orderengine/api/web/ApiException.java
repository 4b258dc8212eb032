package io.orderengine.api.web;

import org.springframework.http.HttpStatus;

/** An error the API answers with a specific status and problem type; the message is safe to show to clients. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;

    public ApiException(HttpStatus status, String kind, String message) {
        super(message);
        this.status = status;
        this.kind = kind;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " was not found");
    }

    public static ApiException unprocessable(String kind, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, kind, message);
    }

    public static ApiException badRequest(String kind, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, kind, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }
}
