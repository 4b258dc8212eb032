package io.orderengine.query.projection;

/** A rebuild of the projection is running already; one at a time per projection. */
public class RebuildInProgressException extends RuntimeException {

    public RebuildInProgressException(String name) {
        super("A rebuild of '" + name + "' is already running");
    }
}
