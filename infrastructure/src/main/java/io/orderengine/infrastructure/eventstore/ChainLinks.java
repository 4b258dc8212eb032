package io.orderengine.infrastructure.eventstore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.Document;

/**
 * The link of the event log's hash chain: {@code SHA-256(previous link, chain index, position, the event as stored)}.
 * "As stored" is every field of the event document that Axon reads back (aggregate, sequence, type, event id,
 * timestamp, payload type and revision, the serialized payload and metadata strings exactly as they are in the
 * store), each length-prefixed so no two different documents hash alike. Encrypted payloads are hashed as the
 * ciphertext they are stored as, so deleting a data subject's key (crypto-shredding) leaves the chain intact.
 * The chain fields themselves and {@code allocatedAt} are not covered. Used by the sealer, the verifier and the
 * offline verifier ({@link VerifyEventLog}), so all three compute the same bytes.
 */
public final class ChainLinks {

    /** Chain index of the event (1, 2, 3… without holes), written by the sealer. */
    public static final String CHAIN_INDEX = "chainIndex";
    /** The event's link (lower-case hex SHA-256), written by the sealer. */
    public static final String CHAIN_LINK = "chainLink";

    /** The link before the first event: 32 zero bytes. */
    public static final String GENESIS = "0".repeat(64);

    private static final String[] STORED_FIELDS = {
        EventDocuments.STREAM_KEY,
        EventDocuments.AGGREGATE_ID,
        EventDocuments.SEQUENCE,
        EventDocuments.TYPE,
        EventDocuments.EVENT_ID,
        EventDocuments.TIMESTAMP,
        EventDocuments.PAYLOAD_TYPE,
        EventDocuments.PAYLOAD_REVISION,
        EventDocuments.PAYLOAD,
        EventDocuments.META_DATA
    };

    private ChainLinks() {}

    /** The link of {@code event} (an event document) at {@code index}, after {@code previous} (hex). */
    public static String link(String previous, long index, Document event) {
        MessageDigest sha = sha256();
        sha.update(HexFormat.of().parseHex(previous));
        sha.update(longBytes(index));
        sha.update(longBytes(EventDocuments.position(event)));
        for (String field : STORED_FIELDS) {
            Object value = event.get(field);
            if (value == null) {
                sha.update(longBytes(-1));
            } else {
                byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
                sha.update(longBytes(bytes.length));
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The chain index written on the document, or {@code null} when it is not chained. */
    public static Long index(Document event) {
        Object value = event.get(CHAIN_INDEX);
        return value instanceof Number n ? n.longValue() : null;
    }

    public static long position(Document event) {
        return EventDocuments.position(event);
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
