package io.orderengine.infrastructure.store.index;

/** A half-open range [from, to) of entry keys; null ends are open. */
record KeyRange(String from, String to) {
    static final KeyRange ALL = new KeyRange(null, null);

    /** Every entry whose key starts with {@code prefix}. */
    static KeyRange startingWith(String prefix) {
        return prefix.isEmpty() ? ALL : new KeyRange(prefix, KeyEncoding.successor(prefix));
    }
}
