package io.orderengine.query.projection;

import java.time.Instant;

/**
 * Where a rebuild of {@code projection} into {@code generation} stands. {@code state}: CATCHING_UP (the rebuild
 * processor {@code processor} replays every event into the new collections while the old ones keep serving),
 * SWITCHING (the live processor is paused for the hand-over), DONE (the new generation serves) or FAILED
 * ({@code error} says why; the old generation still serves). {@code eventsProcessed} counts the events the rebuild
 * read from the store, {@code eventsTotal} the events in the store now; {@code position} is the rebuild
 * processor's position in the event stream, comparable with the store's head position (null when the store's
 * tokens have no positions or the processor has not claimed its segment yet).
 */
public record RebuildProgress(
        String projection,
        int generation,
        String processor,
        State state,
        long eventsProcessed,
        Long eventsTotal,
        Long position,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    /** The stages of a rebuild. */
    public enum State {
        CATCHING_UP,
        SWITCHING,
        DONE,
        FAILED
    }

    /** Whether the rebuild still runs. */
    public boolean running() {
        return state == State.CATCHING_UP || state == State.SWITCHING;
    }
}
