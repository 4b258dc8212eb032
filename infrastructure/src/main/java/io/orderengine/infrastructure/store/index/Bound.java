package io.orderengine.infrastructure.store.index;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The values one condition (or all conditions on a field) allows. {@code exact}: the entries in these bounds are
 * exactly the documents the condition matches (plain equality or {@code $in}, or a range of a type other than
 * numbers, and nothing else in the condition), so an index can count them without reading them. Its {@link Range}
 * turns a comparison into the key range of an index's entries that may hold its matches.
 */
record Bound(List<Object> points, Range range, boolean exact) {

    /**
     * A range of one type bracket over ascending encodings; a null end is open (the bracket's end). Number ends are
     * the first nine bytes (type and double) of the widened bound, inclusive, so they take every tie-breaker.
     */
    record Range(int type, String lower, boolean lowerInclusive, String upper, boolean upperInclusive) {

        Range intersect(Range other) {
            if (other.type != type) {
                return this;
            }
            String newLower = lower;
            boolean newLowerInclusive = lowerInclusive;
            if (other.lower != null && (lower == null || other.lower.compareTo(lower) > 0)) {
                newLower = other.lower;
                newLowerInclusive = other.lowerInclusive;
            } else if (other.lower != null && other.lower.equals(lower)) {
                newLowerInclusive = lowerInclusive && other.lowerInclusive;
            }
            String newUpper = upper;
            boolean newUpperInclusive = upperInclusive;
            if (other.upper != null && (upper == null || other.upper.compareTo(upper) < 0)) {
                newUpper = other.upper;
                newUpperInclusive = other.upperInclusive;
            } else if (other.upper != null && other.upper.equals(upper)) {
                newUpperInclusive = upperInclusive && other.upperInclusive;
            }
            return new Range(type, newLower, newLowerInclusive, newUpper, newUpperInclusive);
        }

        /** The entry keys that start with {@code prefix} and then hold a value of this range. */
        KeyRange keyRange(String prefix, boolean ascending) {
            String bracket = String.valueOf((char) type);
            if (ascending) {
                String from = lower == null ? bracket : lowerInclusive ? lower : KeyEncoding.successor(lower);
                String to = upper == null
                        ? KeyEncoding.successor(bracket)
                        : upperInclusive ? KeyEncoding.successor(upper) : upper;
                return new KeyRange(prefix + from, prefix + to);
            }
            String invertedBracket = invert(bracket);
            String from = upper == null
                    ? invertedBracket
                    : upperInclusive ? invert(upper) : KeyEncoding.successor(invert(upper));
            String to = lower == null
                    ? KeyEncoding.successor(invertedBracket)
                    : lowerInclusive ? KeyEncoding.successor(invert(lower)) : invert(lower);
            return new KeyRange(prefix + from, prefix + to);
        }

        private static String invert(String key) {
            KeyEncoding.KeyBuilder inverted = new KeyEncoding.KeyBuilder(key);
            inverted.invertFrom(0);
            return inverted.toKey();
        }

        /** The range of one comparison, or null when its operand has no orderable type bracket. */
        static Range of(String operator, Object operand) {
            boolean lower = operator.startsWith("$gt");
            boolean inclusive = operator.endsWith("e");
            if (operand instanceof Number number) {
                double value = number.doubleValue();
                if (Double.isNaN(value)) {
                    return null;
                }
                KeyEncoding.KeyBuilder bound = new KeyEncoding.KeyBuilder();
                KeyEncoding.writeNumberPrefix(lower ? Math.nextDown(value - 1) : Math.nextUp(value + 1), bound);
                String key = bound.toKey();
                return lower
                        ? new Range(KeyEncoding.NUMBER, key, true, null, false)
                        : new Range(KeyEncoding.NUMBER, null, false, key, true);
            }
            if (!(operand instanceof String
                    || operand instanceof Instant
                    || operand instanceof Date
                    || operand instanceof ObjectId
                    || operand instanceof Boolean
                    || operand instanceof BsonTimestamp
                    || operand instanceof UUID
                    || operand instanceof LegacyUUID
                    || operand instanceof BinData)) {
                return null;
            }
            String key = KeyEncoding.encode(operand);
            int type = KeyEncoding.typeOf(operand);
            return lower ? new Range(type, key, inclusive, null, false) : new Range(type, null, false, key, inclusive);
        }
    }
}
