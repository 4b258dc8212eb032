package io.orderengine.infrastructure.store.index;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's document values: written as BSON when BSON gives them back exactly (the same fields in the
 * same order, the same Java types), by H2's Java serialization otherwise, and the values of a store written before
 * (all by Java serialization) read as they were, also from pages that mix both.
 */
class BsonDocumentTypeTest {

    private static final BsonDocumentType TYPE = new BsonDocumentType();

    @TempDir
    Path folder;

    @Test
    void aDocumentOfEveryWireTypeIsWrittenAsBsonAndReadBackWithItsFieldOrderAndJavaTypes() {
        Document original = everyWireType();

        byte[] written = write(original);

        assertThat(written[0] & 0xFF).as("the BSON tag").isEqualTo(BsonDocumentType.TAG);
        assertSameShape(read(written), original);
    }

    @Test
    void whatBsonWouldChangeIsWrittenByJavaSerializationAndComesBackUnchanged() {
        List<Object> inexact = List.of(
                Instant.parse("2026-12-05T10:15:30.123456789Z"), // BSON dates are whole milliseconds
                new Date(1_000L),
                Set.of("a"),
                new LinkedHashMap<>(Map.of("plain", "map")), // would come back as a Document
                3.5f,
                (short) 7,
                new BigDecimal("1.10"));
        for (Object value : inexact) {
            Document original = new Document("_id", "x").append("nested", new Document("value", value));

            byte[] written = write(original);

            assertThat(written[0] & 0xFF).as("%s is not written as BSON", value).isNotEqualTo(BsonDocumentType.TAG);
            Object read = read(written);
            assertThat(read).isEqualTo(original);
            assertSameShape(read, original);
        }
        Document badName = new Document("a\0b", 1);
        assertThat(write(badName)[0] & 0xFF).isNotEqualTo(BsonDocumentType.TAG);
        assertThat(read(write(badName))).isEqualTo(badName);
        assertThat(read(write("not a document"))).isEqualTo("not a document");
    }

    @Test
    void valuesWrittenByJavaSerializationBeforeAreRead() {
        Document original = everyWireType();
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, original);

        assertSameShape(read(bytes(buffer)), original);
    }

    @Test
    void aStoreWrittenWithJavaSerializationIsReadAndExtendedWithBsonAcrossReopens() {
        String file = folder.resolve("mixed.mv").toString();
        try (MVStore before = MVStore.open(file)) {
            MVMap<Object, Object> documents = before.openMap("documents");
            for (int i = 0; i < 500; i++) {
                documents.put("old-" + i, numbered(i));
            }
        }
        try (MVStore now = new MVStore.Builder().fileName(file).cacheSize(1).open()) {
            MVMap<Object, Object> documents = now.openMap("documents", new MVMap.Builder<>().valueType(TYPE));
            for (int i = 0; i < 500; i++) {
                assertThat(documents.get("old-" + i)).isEqualTo(numbered(i));
                documents.put("new-" + i, numbered(i + 500));
            }
            documents.put("old-7", numbered(7_000)); // an old page rewritten with both kinds of values
        }
        try (MVStore again = new MVStore.Builder().fileName(file).cacheSize(1).open()) {
            MVMap<Object, Object> documents = again.openMap("documents", new MVMap.Builder<>().valueType(TYPE));
            assertThat(documents.size()).isEqualTo(1_000);
            for (int i = 0; i < 500; i++) {
                assertThat(documents.get("old-" + i)).isEqualTo(numbered(i == 7 ? 7_000 : i));
                assertThat(documents.get("new-" + i)).isEqualTo(numbered(i + 500));
            }
        }
    }

    private static Document numbered(int i) {
        return new Document("_id", "doc-" + i)
                .append("n", i)
                .append("at", Instant.ofEpochMilli(1_700_000_000_000L + i))
                .append("lines", List.of(new Document("sku", "SKU-" + i).append("qty", (long) i)));
    }

    private static Document everyWireType() {
        return new Document("_id", new ObjectId())
                .append("string", "grüße, 注文")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", -0.5)
                .append("true", true)
                .append("false", false)
                .append("null", null)
                .append("decimal", Decimal128.fromNumber(new BigDecimal("12.34")))
                .append("binary", new BinData(new byte[] {1, 2, 3}))
                .append("uuid", UUID.fromString("6f2c5c5e-7d5b-4f5e-9a1e-0c1d2e3f4a5b"))
                .append("legacyUuid", new LegacyUUID(UUID.fromString("00000000-0000-0001-0000-000000000002")))
                .append("date", Instant.parse("2026-12-05T10:15:30.123Z"))
                .append("timestamp", new BsonTimestamp(1_700_000_000L << 32 | 3))
                .append("regex", new BsonRegularExpression("^a.*", "i"))
                .append("javascript", new BsonJavaScript("function() {}"))
                .append("max", MaxKey.getInstance())
                .append("min", MinKey.getInstance())
                .append(
                        "nested",
                        new Document("z", 1).append("a", List.of(1, "two", new Document("three", 3L), List.of())))
                .append("empty", new Document());
    }

    /**
     * Equal is not enough: the same keys in the same order, and values of the same classes, all the way down (a
     * regular expression and the min and max keys have no {@code equals}: compared by their content and class).
     */
    private static void assertSameShape(Object read, Object original) {
        if (original == null) {
            assertThat(read).isNull();
            return;
        }
        if (original instanceof Document expected) {
            assertThat(read).isInstanceOf(Document.class);
            Document actual = (Document) read;
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            expected.forEach((key, value) -> assertSameShape(actual.get(key), value));
            return;
        }
        if (original instanceof List<?> expected) {
            assertThat(read).isInstanceOf(List.class);
            List<?> actual = (List<?>) read;
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertSameShape(actual.get(i), expected.get(i));
            }
            return;
        }
        assertThat(read).isInstanceOf(original.getClass());
        if (original instanceof BsonRegularExpression expected) {
            assertThat(((BsonRegularExpression) read).toDocument()).isEqualTo(expected.toDocument());
        } else if (!(original instanceof MaxKey || original instanceof MinKey)) {
            assertThat(read).isEqualTo(original);
        }
    }

    private static byte[] write(Object value) {
        WriteBuffer buffer = new WriteBuffer();
        TYPE.write(buffer, value);
        return bytes(buffer);
    }

    private static byte[] bytes(WriteBuffer buffer) {
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    /** Reads one value from the middle of a buffer, as a page does, and checks that exactly its bytes were read. */
    private static Object read(byte[] value) {
        ByteBuffer page = ByteBuffer.allocate(value.length + 8);
        page.putInt(0xCAFE);
        page.put(value);
        page.putInt(0xBEEF);
        page.flip();
        page.getInt();
        Object read = TYPE.read(page);
        assertThat(page.getInt()).as("the bytes after the value").isEqualTo(0xBEEF);
        return read;
    }
}
