package io.orderengine.api.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details with a stable {@code type} per kind of error ({@code urn:order-engine:problem:<kind>}). */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(HttpStatus status, String kind, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:order-engine:problem:" + kind));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** The problem of {@code e}, with its extension members. */
    public static ProblemDetail of(ApiException e) {
        ProblemDetail problem = of(e.status(), e.kind(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }
}
