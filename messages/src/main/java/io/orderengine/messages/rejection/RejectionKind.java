package io.orderengine.messages.rejection;

/**
 * What kind of "no" a {@link DomainRejection} is, which decides the HTTP status a client gets. Our own type, so the
 * domain names the family of a refusal without knowing about HTTP libraries.
 */
public enum RejectionKind {

    /** The request cannot be represented: a value out of range, an unsupported target (400). */
    INVALID(400),
    /** The request clashes with the current state: an illegal move, stock that is not there (409). */
    CONFLICT(409),
    /** The request is well formed but a business rule refuses it: a refund beyond what was captured (422). */
    UNPROCESSABLE(422);

    private final int status;

    RejectionKind(int status) {
        this.status = status;
    }

    /** The HTTP status code this kind is answered with. */
    public int status() {
        return status;
    }
}
