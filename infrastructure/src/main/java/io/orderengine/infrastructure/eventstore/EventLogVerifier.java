package io.orderengine.infrastructure.eventstore;

import static io.orderengine.infrastructure.eventstore.ChainLinks.CHAIN_INDEX;
import static io.orderengine.infrastructure.eventstore.ChainLinks.CHAIN_LINK;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.time.Instant;
import org.bson.Document;

/**
 * Verifies the event log's hash chain: walks the chained events by chain index and recomputes every link
 * ({@link ChainLinks}); then checks the chain reaches the head the sealer recorded and that no event at or below the
 * sealer's watermark is left out of the chain. The first thing that does not hold is reported with the position where
 * it shows: a changed event (its link no longer matches), a removed one (a chain index is missing: reported at the
 * event after it), reordered ones (links no longer match), removed last events (the chain stops short of the head), an
 * event inserted into the store, or one whose chain fields were stripped. Reads only; works the same on a live store,
 * a restored backup, or a copy opened offline ({@link VerifyEventLog}).
 */
public final class EventLogVerifier {

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> chain;
    private final Clock clock;

    public EventLogVerifier(MongoDatabase database, Clock clock) {
        this(database.getCollection("events"), database.getCollection(EventChainSealer.CHAIN_COLLECTION), clock);
    }

    EventLogVerifier(MongoCollection<Document> events, MongoCollection<Document> chain, Clock clock) {
        this.events = events;
        this.chain = chain;
        this.clock = clock;
    }

    public EventLogVerification verify() {
        ChainHead head = ChainHead.read(chain);
        String link = ChainLinks.GENESIS;
        long expected = 1;
        long previousPosition = 0;
        for (Document event : events.find(Filters.exists(CHAIN_INDEX))
                .sort(Sorts.ascending(CHAIN_INDEX))
                .batchSize(1_000)) {
            long position = ChainLinks.position(event);
            Long index = ChainLinks.index(event);
            if (index == null) {
                return broken(position, "the event's chain index is not a number");
            }
            if (index != expected) {
                return broken(
                        position,
                        index > expected
                                ? "chain entry " + expected + " is missing: an event chained after position "
                                        + previousPosition + " was removed"
                                : "chain entry " + index + " appears twice");
            }
            String next = ChainLinks.link(link, index, event);
            if (!next.equals(event.getString(CHAIN_LINK))) {
                return broken(
                        position,
                        "the event does not match its link (chain entry " + index
                                + "): it was changed, or moved from another position");
            }
            link = next;
            previousPosition = position;
            expected++;
        }
        long chained = expected - 1;
        if (head.index() > chained) {
            return broken(
                    head.position(),
                    "the chain ends at entry " + chained + " (position " + previousPosition + ") but its head is entry "
                            + head.index() + ": the last events were removed");
        }
        if (head.index() == chained && head.stored() && !link.equals(head.link())) {
            return broken(head.position(), "the recorded head does not match the chain");
        }
        for (Document unchained : events.find(Filters.and(
                        Filters.exists(CHAIN_INDEX, false), Filters.lte(EventDocuments.POSITION, head.watermark())))
                .sort(Sorts.ascending(EventDocuments.POSITION))) {
            long position = ChainLinks.position(unchained);
            if (!head.isGap(position)) {
                return broken(
                        position,
                        "the event is not in the chain although the sealer passed its position:"
                                + " it was inserted, or its chain fields were removed");
            }
        }
        return EventLogVerification.verified(chained, link, clock.instant());
    }

    private EventLogVerification broken(long position, String reason) {
        return EventLogVerification.broken(position, reason, clock.instant());
    }

    /** The outcome of one verification. */
    public record EventLogVerification(
            boolean verified, long events, String head, Instant at, Long firstBrokenPosition, String reason) {

        static EventLogVerification verified(long events, String head, Instant at) {
            return new EventLogVerification(true, events, head, at, null, null);
        }

        static EventLogVerification broken(long position, String reason, Instant at) {
            return new EventLogVerification(false, 0, null, at, position, reason);
        }
    }
}
