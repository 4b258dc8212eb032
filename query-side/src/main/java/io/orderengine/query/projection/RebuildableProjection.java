package io.orderengine.query.projection;

import java.util.List;

/**
 * A projection that can be rebuilt without downtime: its event handling logic can be instantiated a second time,
 * bound to the collections of a new generation, and fed every event from the start while the live instance keeps
 * serving the current generation. Implemented by each projection component.
 */
public interface RebuildableProjection {

    /** The processing group, which is also the name of the live event processor and of the projection's alias. */
    String processingGroup();

    /** The base names of every collection the projection writes. */
    List<String> collections();

    /** Declares the projection's indexes on the collections of {@code target} (idempotent). */
    void createIndexes(ProjectionTarget target);

    /**
     * A new instance of the projection's event handlers writing to {@code target}; it pushes no subscription query
     * updates (the live instance does) and is never registered as a query handler.
     */
    Object handlerFor(ProjectionTarget target);
}
