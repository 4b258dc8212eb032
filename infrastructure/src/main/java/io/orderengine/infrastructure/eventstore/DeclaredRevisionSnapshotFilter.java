package io.orderengine.infrastructure.eventstore;

import java.util.Objects;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;

/**
 * Uses a stored snapshot only when its revision is the one its aggregate class declares now ({@link Revision}, none
 * for none). An aggregate whose state changes shape (a field moved into an entity, a new entity that its handlers
 * need) raises its revision, and the snapshots taken before are passed over: the aggregate is sourced from its events
 * and snapshotted again. A snapshot of a class this build does not know is passed over too.
 */
public final class DeclaredRevisionSnapshotFilter implements SnapshotFilter {

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        String type = snapshot.getPayload().getType().getName();
        Class<?> aggregate;
        try {
            aggregate = Class.forName(type, false, DeclaredRevisionSnapshotFilter.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError unknown) {
            return false;
        }
        Revision declared = aggregate.getAnnotation(Revision.class);
        return Objects.equals(
                declared == null ? null : declared.value(),
                snapshot.getPayload().getType().getRevision());
    }
}
