package io.orderengine.api.reliability.fuzz;

import java.util.Map;

/**
 * One generated request. {@code mustBeRejected}: the request carries at least one thing the API has to refuse, so
 * any answer but a 4xx is a finding; otherwise (reads) any answer but a 5xx is fine. {@code expectedStatus}, when not
 * 0, is the one status the refusal must have (a request broken in exactly one known way). {@code family} groups the
 * counts in the printout.
 */
record Probe(
        String family,
        String method,
        String path,
        String body,
        Map<String, String> headers,
        boolean mustBeRejected,
        int expectedStatus) {

    Probe(String family, String method, String path, String body, Map<String, String> headers, boolean mustBeRejected) {
        this(family, method, path, body, headers, mustBeRejected, 0);
    }

    String describe() {
        String shown = body == null
                ? ""
                : body.length() > 1500 ? body.substring(0, 1500) + "...(" + body.length() + " chars)" : body;
        return method + " " + (path.length() > 300 ? path.substring(0, 300) + "..." : path) + " " + headers.keySet()
                + " " + shown;
    }
}
