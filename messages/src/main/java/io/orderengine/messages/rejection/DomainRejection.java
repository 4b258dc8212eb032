package io.orderengine.messages.rejection;

import java.util.Objects;

/**
 * A rule of the domain refused a command. A rejection is final: sending the same command again is refused again, so
 * callers never retry it, and the API answers it with a problem of {@link #kind()}'s status and {@link #type()}.
 * The message is written for clients: it names states, quantities and codes, never internals.
 */
public abstract class DomainRejection extends RuntimeException {

    private final RejectionKind kind;
    private final String type;

    protected DomainRejection(RejectionKind kind, String type, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The family of the refusal, which decides the HTTP status. */
    public RejectionKind kind() {
        return kind;
    }

    /** The stable problem type slug clients may switch on ({@code "illegal-transition"}, {@code "currency"}...). */
    public String type() {
        return type;
    }
}
