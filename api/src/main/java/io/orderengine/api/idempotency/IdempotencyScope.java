package io.orderengine.api.idempotency;

import io.orderengine.api.security.Caller;

/**
 * Whose Idempotency-Keys these are, and who may have a recorded answer replayed.
 *
 * <ul>
 *   <li>{@link #of(String)}: the scope names the caller, who proved who they are another way: a signed-in subject
 *       ({@code subject:<sub>}) or a guest who showed the order's token ({@code guest:<orderId>}). Any request in
 *       the scope gets the replay.
 *   <li>{@link #guest(String, String)}: anyone may use a key in the scope (guests at checkout), so a replay goes
 *       only to the client that made the first request: it must send the same {@value
 *       ClientIdempotency#CLIENT_SECRET_HEADER} as the first request did (or the one the first answer carried).
 * </ul>
 *
 * @param name         the namespace keys are unique in
 * @param guest        true when replays need the client's secret
 * @param clientSecret the {@value ClientIdempotency#CLIENT_SECRET_HEADER} header the request carried (or null)
 */
public record IdempotencyScope(String name, boolean guest, String clientSecret) {

    public static IdempotencyScope of(String name) {
        return new IdempotencyScope(name, false, null);
    }

    public static IdempotencyScope guest(String name, String clientSecret) {
        return new IdempotencyScope(name, true, clientSecret);
    }

    /** A signed-in caller's scope is their subject; a guest's is shared, so their replays need the secret. */
    public static IdempotencyScope of(Caller caller, String name, String clientSecret) {
        return caller.signedIn() ? of(name) : guest(name, clientSecret);
    }

    @Override
    public String toString() {
        return "IdempotencyScope[" + name + (guest ? ", guest" : "") + "]";
    }
}
