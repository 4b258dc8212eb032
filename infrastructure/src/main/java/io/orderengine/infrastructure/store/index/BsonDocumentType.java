package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's document maps: a document is written as one tag byte and its BSON, the
 * encoding the wire protocol already uses, instead of H2's default {@link ObjectDataType}, which writes it with Java
 * serialization (class descriptors, a reflective call per map entry; the largest single cost of a write in the
 * profiles of docs/benchmarks.md).
 * <p>
 * Only a document that BSON gives back exactly is written so: every value a BSON type the wire protocol decodes to
 * (dates at whole milliseconds, maps that are documents, field names without NUL). Anything else (and anything that
 * is not a document) is written by {@link ObjectDataType}, as before. Reading tells the two apart by the first byte:
 * {@link #TAG} is none of {@link ObjectDataType}'s type tags (0 to 119), so the values of a store written before are
 * read as they were, and pages may mix both. A store written by this type cannot be read by a build without it.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    /** The first byte of a value written as BSON; {@link ObjectDataType} never writes it. */
    static final int TAG = 0xB5;

    /** A thread's encoding buffer is dropped after a document larger than this (rare, and not worth keeping). */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType fallback = new ObjectDataType();

    /**
     * A running estimate of a document's size in memory, per map (one type per collection), as {@link ObjectDataType}
     * keeps for the values it serializes. MVStore splits a page by these estimates, and every commit writes each page
     * it changed whole, so an estimate far below the truth would make every small write rewrite more documents.
     */
    private volatile int averageMemory = 10_000;

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : fallback.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (!(value instanceof Document document) || !exact(document)) {
            fallback.write(buff, value);
            return;
        }
        ByteBuf bson = BUFFERS.get();
        bson.clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notEncodable) {
            fallback.write(buff, value);
            return;
        }
        int length = bson.readableBytes();
        buff.put((byte) TAG);
        buff.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        // 3.5 times the BSON: what ObjectDataType estimated for the same documents (twice their Java serialization,
        // about 1.7 times their BSON for an order's read model), so pages split where they did before
        averageMemory = (int) ((7L * length / 2 + 15L * averageMemory) / 16);
        if (bson.capacity() > KEPT_BUFFER_BYTES) {
            BUFFERS.remove();
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        int start = buff.position();
        if ((buff.get(start) & 0xFF) != TAG) {
            return fallback.read(buff);
        }
        int length = Integer.reverseBytes(buff.getInt(start + 1));
        ByteBuffer bson = buff.duplicate();
        bson.position(start + 1).limit(start + 1 + length);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        buff.position(start + 1 + length);
        return document;
    }

    @Override
    public int compare(Object a, Object b) {
        return fallback.compare(a, b);
    }

    /** Whether BSON gives the document back equal to itself, with the same Java types. */
    static boolean exact(Document document) {
        for (Map.Entry<String, Object> field : document.entrySet()) {
            if (field.getKey().indexOf('\0') >= 0 || !exact(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean exact(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Integer
                || value instanceof Long
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof ObjectId
                || value instanceof Decimal128
                || value instanceof BinData
                || value instanceof UUID
                || value instanceof LegacyUUID
                || value instanceof BsonTimestamp
                || value instanceof BsonRegularExpression
                || value instanceof BsonJavaScript
                || value instanceof MaxKey
                || value instanceof MinKey) {
            return true;
        }
        if (value instanceof Instant instant) {
            return instant.getNano() % 1_000_000 == 0;
        }
        if (value instanceof Document document) {
            return exact(document);
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!exact(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
