package io.orderengine.outbound.alerts;

import java.time.Instant;

/**
 * One alert rule's state as stored: {@code RAISED} since {@code since} (its current episode, {@code episode}), or
 * {@code CLEARED} at {@code clearedAt} (the last episode's start stays in {@code since}). {@code detail} says what
 * the rule saw when it was last evaluated while raised (which SKUs, which processor, how many letters).
 */
public record Alert(String rule, State state, String episode, Instant since, Instant clearedAt, String detail) {

    /** Whether the condition holds now. */
    public enum State {
        RAISED,
        CLEARED
    }

    public boolean raised() {
        return state == State.RAISED;
    }
}
