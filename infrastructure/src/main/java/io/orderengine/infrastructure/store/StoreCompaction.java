package io.orderengine.infrastructure.store;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the embedded store's file back the space its old versions hold. Every commit writes its changed pages to a
 * new chunk of the file, and MVStore's own background compaction cannot keep up with a commit per acknowledged write:
 * after a 1,000-order burst the file was 811 MB with about a third of it live, after 10,000 orders 4 GB with 29 %
 * live (docs/benchmarks.md). {@link MVStore#compactFile(int)} rewrites the live pages next to each other and
 * truncates the file (the same 811 MB store became 51 MB in about 6 s).
 * <p>
 * It holds the store's lock while it runs, so writers wait: it runs when the store opens, before the wire server
 * accepts a connection, and in slices while the engine runs when no write came for a minute ({@link QuietCompaction}),
 * each time only when the file is large enough and mostly not live. The work is bounded by {@code maxMillis}; what is
 * left is done by the next call. MVStore sets the retention time of freed chunks to zero
 * for a compaction; it is set back afterwards, so normal commits keep their 45 s of retention.
 */
final class StoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(StoreCompaction.class);

    /** Compaction is considered when less than this share of the file is live (per cent). */
    static final int BELOW_FILL_RATE = 50;
    /** Files smaller than this are left as they are. */
    static final long MIN_BYTES = 16L * 1024 * 1024;
    /** The most time one compaction may take; the store is consistent wherever it stops. */
    static final int MAX_MILLIS = 60_000;

    /** What a call did: the file's size and live share before and after ({@code compacted} false if left alone). */
    record Result(boolean compacted, long bytesBefore, int fillRateBefore, long bytesAfter, int fillRateAfter) {}

    private StoreCompaction() {}

    /** Compacts {@code store} when it is at least {@code minBytes} large and less than {@code belowFillRate} % live. */
    static Result compactIfSparse(MVStore store, int belowFillRate, long minBytes, int maxMillis) {
        long before = store.getFileStore().size();
        int fillBefore = store.getFillRate();
        if (before < minBytes || fillBefore >= belowFillRate) {
            return new Result(false, before, fillBefore, before, fillBefore);
        }
        long started = System.nanoTime();
        int retention = store.getRetentionTime();
        try {
            store.compactFile(maxMillis);
        } finally {
            store.setRetentionTime(retention);
        }
        Result result =
                new Result(true, before, fillBefore, store.getFileStore().size(), store.getFillRate());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.bytesAfter() < result.bytesBefore()) {
            log.info(
                    "Compacted the embedded store in {} ms: {} MB ({} % live) to {} MB ({} % live)",
                    millis,
                    result.bytesBefore() >> 20,
                    result.fillRateBefore(),
                    result.bytesAfter() >> 20,
                    result.fillRateAfter());
        } else {
            // chunks the last run wrote moments before it stopped are not given back yet
            log.debug("Compacting the embedded store gave nothing back ({} MB, {} % live)", before >> 20, fillBefore);
        }
        return result;
    }

    /** {@link #compactIfSparse(MVStore, int, long, int)} with the engine's thresholds. */
    static Result compactIfSparse(MVStore store) {
        return compactIfSparse(store, BELOW_FILL_RATE, MIN_BYTES, MAX_MILLIS);
    }
}
