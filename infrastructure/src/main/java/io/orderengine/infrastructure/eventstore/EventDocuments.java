package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

/**
 * The document layout of {@link MongoGlobalSequenceEventStorageEngine}: the field and index names of an event (and
 * snapshot) document, the zero-padded stream key, the indexes the engine's queries rely on, and the encoding of an
 * event message into a document and back into Axon's event data.
 */
final class EventDocuments {

    static final String POSITION = "_id";
    static final String STREAM_KEY = "streamKey";
    static final String AGGREGATE_ID = "aggregateIdentifier";
    static final String SEQUENCE = "sequenceNumber";
    static final String TYPE = "type";
    static final String EVENT_ID = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "serializedPayload";
    static final String META_DATA = "serializedMetaData";
    static final String ALLOCATED_AT = "allocatedAt";

    static final String STREAM_KEY_INDEX = "streamKey_unique";
    static final String AGGREGATE_SEQUENCE_INDEX = "aggregate_sequence_unique";
    static final String ALLOCATED_AT_INDEX = "allocatedAt_position";

    private static final int SEQUENCE_DIGITS = 19;

    private EventDocuments() {}

    /** Declares the indexes every query of the engine relies on (idempotent). */
    static void ensureIndexes(MongoCollection<Document> events) {
        events.createIndex(
                Indexes.ascending(STREAM_KEY), new IndexOptions().unique(true).name(STREAM_KEY_INDEX));
        events.createIndex(
                Indexes.ascending(AGGREGATE_ID, SEQUENCE),
                new IndexOptions().unique(true).name(AGGREGATE_SEQUENCE_INDEX));
        // createTokenAt only (rare, operator-driven); the embedded store serves it like the others.
        events.createIndex(Indexes.ascending(ALLOCATED_AT, POSITION), new IndexOptions().name(ALLOCATED_AT_INDEX));
    }

    /** The event as a document, without its position and allocation time (the commit adds those). */
    static Document toDocument(EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        String aggregateId;
        long sequence;
        String type;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
            type = domain.getType();
        } else {
            // Not part of an aggregate stream: keyed by its own identifier, as Axon's engines do.
            aggregateId = message.getIdentifier();
            sequence = 0;
            type = null;
        }
        return new Document(STREAM_KEY, streamKey(aggregateId, sequence))
                .append(AGGREGATE_ID, aggregateId)
                .append(SEQUENCE, sequence)
                .append(TYPE, type)
                .append(EVENT_ID, message.getIdentifier())
                .append(TIMESTAMP, DateTimeUtils.formatInstant(message.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(PAYLOAD_REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    /** {@code aggregateId/sequence}, the sequence zero-padded to 19 digits so keys sort in stream order. */
    static String streamKey(String aggregateId, long sequence) {
        String digits = Long.toString(sequence);
        StringBuilder key = new StringBuilder(aggregateId.length() + 1 + SEQUENCE_DIGITS)
                .append(aggregateId)
                .append('/');
        for (int i = digits.length(); i < SEQUENCE_DIGITS; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    static long position(Document document) {
        return ((Number) document.get(POSITION)).longValue();
    }

    static long allocatedAt(Document document) {
        Object value = document.get(ALLOCATED_AT);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    static DomainEventData<?> toEventData(Document document) {
        String aggregateId = document.getString(AGGREGATE_ID);
        String eventId = document.getString(EVENT_ID);
        return new GenericDomainEventEntry<>(
                document.getString(TYPE),
                eventId.equals(aggregateId) ? null : aggregateId,
                ((Number) document.get(SEQUENCE)).longValue(),
                eventId,
                document.getString(TIMESTAMP),
                document.getString(PAYLOAD_TYPE),
                document.getString(PAYLOAD_REVISION),
                document.getString(PAYLOAD),
                document.getString(META_DATA));
    }
}
