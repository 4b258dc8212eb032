package io.orderengine.infrastructure.store.index;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The reads of an {@link OrderedIndex}'s entry map: walks over key ranges (forwards or backwards), counts of the
 * entries in ranges, and lookups of the entries with one key. The map's keys are an index key followed by a
 * position key, its values the positions.
 */
final class EntryScans {

    private final MVMap<String, Object> entries;

    EntryScans(MVMap<String, Object> entries) {
        this.entries = entries;
    }

    /** The positions in the key range [from, to) (null: open), in key order or reversed. */
    Iterator<Object> positions(KeyRange range, boolean reverse) {
        return new RangeIterator(entries, range, reverse);
    }

    /** How many entries the ranges hold, counting no further than {@code cap}. */
    long count(List<KeyRange> ranges, long cap) {
        long count = 0;
        for (KeyRange range : ranges) {
            Cursor<String, Object> cursor = entries.cursor(range.from());
            while (cursor.hasNext() && count < cap) {
                String key = cursor.next();
                if (range.to() != null && key.compareTo(range.to()) >= 0) {
                    break;
                }
                count++;
            }
            if (count >= cap) {
                break;
            }
        }
        return count;
    }

    /**
     * The first entry with {@code key} other than the one of the position encoded as {@code ownPositionKey}; null
     * when there is none. Keys are prefix-free, so the entries with a key are exactly those starting with it.
     */
    String firstPositionWithKey(String key, String ownPositionKey) {
        Cursor<String, Object> cursor = entries.cursor(key);
        while (cursor.hasNext()) {
            String entry = cursor.next();
            if (!entry.startsWith(key)) {
                return null;
            }
            boolean own = ownPositionKey != null
                    && entry.length() == key.length() + ownPositionKey.length()
                    && entry.startsWith(ownPositionKey, key.length());
            if (!own) {
                return entry;
            }
        }
        return null;
    }

    /** The position of the first entry with {@code key}; null when there is none. */
    Object firstPosition(String key) {
        Cursor<String, Object> cursor = entries.cursor(key);
        if (cursor.hasNext() && cursor.next().startsWith(key)) {
            return cursor.getValue();
        }
        return null;
    }

    private static final class RangeIterator implements Iterator<Object> {

        private final KeyRange range;
        private final boolean reverse;
        private final Cursor<String, Object> cursor;
        private Object next;
        private boolean done;

        RangeIterator(MVMap<String, Object> entries, KeyRange range, boolean reverse) {
            this.range = range;
            this.reverse = reverse;
            this.cursor = reverse ? entries.cursor(range.to(), null, true) : entries.cursor(range.from(), null, false);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                if (!cursor.hasNext()) {
                    done = true;
                    break;
                }
                String key = cursor.next();
                if (reverse) {
                    if (range.to() != null && key.compareTo(range.to()) >= 0) {
                        continue;
                    }
                    if (range.from() != null && key.compareTo(range.from()) < 0) {
                        done = true;
                        break;
                    }
                } else if (range.to() != null && key.compareTo(range.to()) >= 0) {
                    done = true;
                    break;
                }
                next = cursor.getValue();
            }
            return next != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object position = next;
            next = null;
            return position;
        }
    }
}
