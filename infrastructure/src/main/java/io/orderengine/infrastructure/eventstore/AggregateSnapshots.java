package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Forgets aggregates' snapshots. A snapshot is the aggregate's state as the serializer read it, with personal data
 * opened; once a data subject is erased, its orders' snapshots are deleted so that the state is sourced again from the
 * events, whose personal data now reads as the erased placeholder (the next snapshot holds the placeholder too).
 * Covers both storage engines' collections: ours ({@code event_snapshots}, {@code _id} = aggregate id) and
 * axon-mongo's stock one ({@code snapshotevents}).
 */
@Component
public class AggregateSnapshots {

    static final String SNAPSHOTS = "event_snapshots";
    static final String STOCK_SNAPSHOTS = "snapshotevents";

    private final MongoDatabase database;

    public AggregateSnapshots(MongoDatabase database) {
        this.database = database;
    }

    /** Deletes the snapshots of {@code aggregateIds}; returns how many were deleted. */
    public long forget(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return 0;
        }
        List<String> ids = List.copyOf(aggregateIds);
        long deleted = database.getCollection(SNAPSHOTS)
                .deleteMany(Filters.in("_id", ids))
                .getDeletedCount();
        if (database.listCollectionNames().into(new ArrayList<>()).contains(STOCK_SNAPSHOTS)) {
            deleted += database.getCollection(STOCK_SNAPSHOTS)
                    .deleteMany(Filters.in("aggregateIdentifier", ids))
                    .getDeletedCount();
        }
        return deleted;
    }
}
