package io.orderengine.infrastructure.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** Snapshots are used only at the revision their aggregate class declares now. */
class DeclaredRevisionSnapshotFilterTest {

    @Revision("2")
    static class Reshaped {}

    static class Unversioned {}

    private final DeclaredRevisionSnapshotFilter filter = new DeclaredRevisionSnapshotFilter();

    @Test
    void aSnapshotAtTheDeclaredRevisionIsUsed() {
        assertThat(filter.test(snapshot(Reshaped.class.getName(), "2"))).isTrue();
        assertThat(filter.test(snapshot(Unversioned.class.getName(), null))).isTrue();
    }

    @Test
    void aSnapshotTakenBeforeTheAggregateChangedShapeIsPassedOver() {
        assertThat(filter.test(snapshot(Reshaped.class.getName(), null))).isFalse();
        assertThat(filter.test(snapshot(Reshaped.class.getName(), "1"))).isFalse();
        assertThat(filter.test(snapshot(Unversioned.class.getName(), "3"))).isFalse();
    }

    @Test
    void aSnapshotOfAClassThisBuildDoesNotKnowIsPassedOver() {
        assertThat(filter.test(snapshot("io.orderengine.gone.OldAggregate", null)))
                .isFalse();
    }

    private static GenericDomainEventEntry<String> snapshot(String type, String revision) {
        return new GenericDomainEventEntry<>(
                "Order", "order-1", 50, "snapshot-1", "2026-12-04T00:00:00Z", type, revision, "{}", "{}");
    }
}
