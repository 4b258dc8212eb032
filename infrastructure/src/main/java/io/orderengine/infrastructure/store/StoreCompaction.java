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
    static final int BELOW_LIVE_SHARE = 25;
    /** Files smaller than this are left as they are. */
    static final long MIN_BYTES = 16L * 1024 * 1024;
    /** The most time one compaction may take; the store is consistent wherever it stops. */
    static final int MAX_MILLIS = 60_000;

    /** What a call did: the file's size and live share before and after ({@code compacted} false if left alone). */
    record Result(boolean compacted, long bytesBefore, int liveBefore, long bytesAfter, int liveAfter) {}

    private StoreCompaction() {}

    /** Compacts {@code store} when it is at least {@code minBytes} large and less than {@code belowLiveShare} % live. */
    static Result compactIfSparse(MVStore store, int belowLiveShare, long minBytes, int maxMillis) {
        long before = store.getFileStore().size();
        int liveBefore = liveShare(store);
        if (before < minBytes || liveBefore >= belowLiveShare) {
            return new Result(false, before, liveBefore, before, liveBefore);
        }
        long started = System.nanoTime();
        int retention = store.getRetentionTime();
        try {
            store.compactFile(maxMillis);
        } finally {
            store.setRetentionTime(retention);
        }
        Result result =
                new Result(true, before, liveBefore, store.getFileStore().size(), liveShare(store));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.bytesAfter() < result.bytesBefore()) {
            log.info(
                    "Compacted the embedded store in {} ms: {} MB ({} % live) to {} MB ({} % live)",
                    millis,
                    result.bytesBefore() >> 20,
                    result.liveBefore(),
                    result.bytesAfter() >> 20,
                    result.liveAfter());
        } else {
            // chunks the last run wrote moments before it stopped are not given back yet
            log.debug("Compacting the embedded store gave nothing back ({} MB, {} % live)", before >> 20, liveBefore);
        }
        return result;
    }

    /**
     * The share of the file that is live (per cent): the share of its blocks that chunks use, times the share of
     * those chunks' bytes that are live. The first alone is not enough: a chunk is freed only when nothing in it is
     * live any more, and the engine's commits each leave a page or two that no later write replaces (an index leaf
     * where a random id landed), so its chunks stay in use while holding mostly old versions. Its 1,800-order store
     * was 1,110 MB with 95 % of the blocks used and 2 % of the chunks' bytes live (61 MB after a compaction).
     */
    static int liveShare(MVStore store) {
        return store.getFillRate() * store.getFileStore().getChunksFillRate() / 100;
    }

    /** {@link #compactIfSparse(MVStore, int, long, int)} with the engine's thresholds. */
    static Result compactIfSparse(MVStore store) {
        return compactIfSparse(store, BELOW_LIVE_SHARE, MIN_BYTES, MAX_MILLIS);
    }
}
