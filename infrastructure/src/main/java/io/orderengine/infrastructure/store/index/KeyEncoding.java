package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * An order-preserving byte encoding of BSON values, so that an index entry is a plain string key of an MVStore map
 * and comparing two keys byte by byte (unsigned) compares the values the way mongo-java-server's
 * {@code ValueComparator} does: by type bracket first (MinKey, null or missing, numbers, strings, documents, arrays,
 * binary, legacy UUIDs, UUIDs, ObjectIds, booleans, dates, timestamps, regular expressions, MaxKey), then by value.
 * Equal values (as the query matcher sees them: {@code 1}, {@code 1L} and {@code 1.0} are equal, null and missing
 * are equal) encode to the same bytes.
 * <p>
 * Every encoding is prefix-free (a value's bytes are never the start of another value's bytes), so a compound key is
 * the concatenation of its values' encodings, a descending key part is its bytes inverted, and "all entries whose
 * first values are X" is the byte range starting with X's bytes. Keys are carried as ISO-8859-1 strings (one char
 * per byte, which {@link String#compareTo} orders like unsigned bytes) so the MVStore maps need no custom data type
 * and stay readable by any MVStore client.
 * <p>
 * Two orders differ from the comparator on purpose: arrays compare element by element (the comparator compares
 * them by their smallest element, which is not an order on distinct arrays), and integral longs beyond 2^53 that
 * round to the same double are told apart by a small tie-breaker. An index that holds arrays never serves a sort
 * (see {@link OrderedIndex#multikey()}), and number ranges are widened by one (see {@link QueryPlanner}), so neither
 * difference changes a query's result.
 */
final class KeyEncoding {

    static final int MIN_KEY = 0x10;
    static final int NULL = 0x14;
    static final int NUMBER = 0x20;
    static final int STRING = 0x28;
    static final int DOCUMENT = 0x30;
    static final int ARRAY = 0x38;
    static final int BINARY = 0x40;
    static final int LEGACY_UUID = 0x44;
    static final int UUID_TYPE = 0x48;
    static final int OBJECT_ID = 0x50;
    static final int BOOLEAN = 0x58;
    static final int DATE = 0x60;
    static final int TIMESTAMP = 0x68;
    static final int REGEX = 0x70;
    static final int OTHER = 0x78;
    static final int MAX_KEY = 0x7F;

    /** Ends a string, a document or an array; lower than every type byte and every first byte of a character. */
    private static final int END = 0x00;

    private KeyEncoding() {}

    /** The type bracket of a value: the first byte of its encoding. */
    static int typeOf(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return NULL;
        } else if (value instanceof Number) {
            return NUMBER;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Document || value instanceof Map) {
            return DOCUMENT;
        } else if (value instanceof Collection) {
            return ARRAY;
        } else if (value instanceof BinData) {
            return BINARY;
        } else if (value instanceof LegacyUUID) {
            return LEGACY_UUID;
        } else if (value instanceof UUID) {
            return UUID_TYPE;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof Instant || value instanceof Date) {
            return DATE;
        } else if (value instanceof BsonTimestamp) {
            return TIMESTAMP;
        } else if (value instanceof BsonRegularExpression) {
            return REGEX;
        } else if (value instanceof MinKey) {
            return MIN_KEY;
        } else if (value instanceof MaxKey) {
            return MAX_KEY;
        }
        return OTHER;
    }

    /** The encoding of one value, as a key string (ascending). */
    static String encode(Object value) {
        KeyBuilder key = new KeyBuilder();
        key.append(value, true);
        return key.toKey();
    }

    /** Type byte and value bytes; the value's bytes are written ascending (the caller inverts them if need be). */
    static void write(Object value, KeyBuilder out) {
        int type = typeOf(value);
        out.put(type);
        writePayload(type, value, out);
    }

    /**
     * The first bytes of every number whose double value is {@code value}: type byte and the eight value bytes,
     * without the tie-breaker. Used for range bounds, which compare on the double value only.
     */
    static void writeNumberPrefix(double value, KeyBuilder out) {
        out.put(NUMBER);
        out.putLong(sortableDouble(value));
    }

    private static void writePayload(int type, Object value, KeyBuilder out) {
        switch (type) {
            case NULL, MIN_KEY, MAX_KEY -> {}
            case NUMBER -> writeNumber((Number) value, out);
            case STRING -> writeString((String) value, out);
            case DOCUMENT -> writeDocument((Map<?, ?>) value, out);
            case ARRAY -> {
                for (Object element : (Collection<?>) value) {
                    write(element, out);
                }
                out.put(END);
            }
            case BINARY -> {
                byte[] data = ((BinData) value).getData();
                out.putInt(data.length);
                out.put(data);
            }
            case LEGACY_UUID -> {
                UUID uuid = ((LegacyUUID) value).getUuid();
                out.putLong(uuid.getMostSignificantBits() ^ Long.MIN_VALUE);
                out.putLong(uuid.getLeastSignificantBits() ^ Long.MIN_VALUE);
            }
            case UUID_TYPE -> writeString(value.toString(), out);
            case OBJECT_ID -> out.put(((ObjectId) value).toByteArray());
            case BOOLEAN -> out.put(((Boolean) value) ? 1 : 0);
            case DATE -> {
                Instant instant = value instanceof Date date ? date.toInstant() : (Instant) value;
                out.putLong(instant.getEpochSecond() ^ Long.MIN_VALUE);
                out.putInt(instant.getNano());
            }
            case TIMESTAMP -> out.putLong(((BsonTimestamp) value).getValue());
            case REGEX -> {
                BsonRegularExpression regex = (BsonRegularExpression) value;
                writeString(regex.getPattern(), out);
                writeString(regex.getOptions() == null ? "" : regex.getOptions(), out);
            }
            default -> {
                writeString(value.getClass().getName(), out);
                writeString(String.valueOf(value), out);
            }
        }
    }

    /**
     * Eight bytes of the double value (sortable), then two bytes telling apart longs that round to the same double.
     * Integers, longs and doubles of equal value encode alike, as the matcher treats them as equal.
     */
    private static void writeNumber(Number number, KeyBuilder out) {
        int tie = 0;
        double value;
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            long exact = number.longValue();
            value = (double) exact;
            if (Math.abs(value) < 0x1p63) {
                tie = (int) Math.max(-0x7FFF, Math.min(0x7FFF, exact - (long) value));
            }
        } else {
            value = number.doubleValue();
        }
        out.putLong(sortableDouble(value));
        out.putShort(tie + 0x8000);
    }

    /** The bits of a double as a long whose unsigned order is the numeric order; -0.0 is 0.0, every NaN alike. */
    static long sortableDouble(double value) {
        double normalized = value == 0.0 ? 0.0 : value;
        long bits = Double.doubleToLongBits(normalized);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    /**
     * UTF-16 code units in order ({@link String#compareTo}), then the end byte: units below 0x7F take one byte
     * (unit + 1), units below 0x407F two bytes (0x80..0xBF first), the others three (0xC0 first). The end byte is
     * 0x00, which no unit starts with, so a string sorts before every longer string it begins.
     */
    static void writeString(String value, KeyBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            int unit = value.charAt(i);
            if (unit < 0x7F) {
                out.put(unit + 1);
            } else if (unit < 0x407F) {
                int shifted = unit - 0x7F;
                out.put(0x80 | (shifted >>> 8));
                out.put(shifted & 0xFF);
            } else {
                out.put(0xC0);
                out.put(unit >>> 8);
                out.put(unit & 0xFF);
            }
        }
        out.put(END);
    }

    /** Field by field: the value's type, the field name, the value; then the end byte (as the comparator walks them). */
    private static void writeDocument(Map<?, ?> document, KeyBuilder out) {
        for (Map.Entry<?, ?> field : document.entrySet()) {
            Object value = field.getValue();
            int type = typeOf(value);
            out.put(type);
            writeString(String.valueOf(field.getKey()), out);
            writePayload(type, value, out);
        }
        out.put(END);
    }

    /**
     * The least key greater than every key that starts with {@code prefix}: the prefix with its last byte below 0xFF
     * raised by one and the rest cut off; null when there is none (the prefix is empty or all 0xFF).
     */
    static String successor(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char c = prefix.charAt(i);
            if (c < 0xFF) {
                return prefix.substring(0, i) + (char) (c + 1);
            }
        }
        return null;
    }

    /** A growable byte buffer that turns into a key string; a value written "descending" has its bytes inverted. */
    static final class KeyBuilder {

        private byte[] bytes = new byte[32];
        private int length;

        KeyBuilder() {}

        KeyBuilder(String start) {
            appendKey(start);
        }

        KeyBuilder append(Object value, boolean ascending) {
            int start = length;
            write(value, this);
            if (!ascending) {
                invertFrom(start);
            }
            return this;
        }

        /** Appends the bytes of an encoded key (or key part) as they are. */
        KeyBuilder appendKey(String key) {
            ensure(key.length());
            for (int i = 0; i < key.length(); i++) {
                bytes[length++] = (byte) key.charAt(i);
            }
            return this;
        }

        void invertFrom(int start) {
            for (int i = start; i < length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
        }

        int length() {
            return length;
        }

        String toKey() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }

        void put(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        void put(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, length, data.length);
            length += data.length;
        }

        void putShort(int value) {
            put(value >>> 8);
            put(value);
        }

        void putInt(int value) {
            putShort(value >>> 16);
            putShort(value & 0xFFFF);
        }

        void putLong(long value) {
            putInt((int) (value >>> 32));
            putInt((int) value);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
