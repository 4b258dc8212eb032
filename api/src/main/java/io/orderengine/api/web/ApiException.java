package io.orderengine.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error the API answers with a specific status and problem type; the message is safe to show to clients. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final Map<String, Object> properties = new LinkedHashMap<>();

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

    public static ApiException conflict(String kind, String message) {
        return new ApiException(HttpStatus.CONFLICT, kind, message);
    }

    /** Adds an extension member to the problem answered (RFC 9457 section 3.2), e.g. the shortages of a refusal. */
    public ApiException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** The extension members of the problem; empty for most errors. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }
}
