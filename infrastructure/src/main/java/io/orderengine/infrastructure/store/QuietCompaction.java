package io.orderengine.infrastructure.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of the embedded store while the engine runs, in quiet moments only: once per interval, if the store
 * acknowledged few writes since the previous look ({@value #QUIET_WRITES} at most: an idle engine still renews its
 * event-log sealer's lease and polls for due deadlines and alerts, about 50 write commands a minute), and the file is
 * large and mostly not live ({@link StoreCompaction}), one slice of compaction runs with a small time budget. A slice
 * holds the store's lock, so a write arriving meanwhile waits for it (1.5 s at most as measured on an 811 MB file:
 * three slices of a 500 ms budget took 1.5, 0.7 and 1.1 s and brought it to 46 MB). Nothing runs while writes keep
 * coming, and nothing once the file is compact, so an idle engine costs a counter read and a look at the file's size
 * and live share per interval.
 */
final class QuietCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuietCompaction.class);

    static final Duration INTERVAL = Duration.ofSeconds(60);
    /** The time budget of one slice; MVStore may overshoot it by a few hundred milliseconds. */
    static final int SLICE_MILLIS = 500;
    /** The most write commands between two looks for the store to count as quiet. */
    static final long QUIET_WRITES = 150;

    private final MVStore store;
    private final LongSupplier acknowledgedWrites;
    private final LongSupplier fileSize;
    private final Supplier<StoreCompaction.Result> slice;
    private final ScheduledExecutorService timer;
    private long writesAtLastLook = -1;
    /** The most quiet looks skipped after a slice that gave nothing back (the skips double from one, up to this). */
    static final int MOST_SKIPPED_LOOKS = 64;

    /** The file's size after the last slice that gave nothing back ({@code -1}: the last slice did give back). */
    private long sizeAfterFruitlessSlice = -1;
    /** Quiet looks still to skip after a slice that gave nothing back. */
    private int looksToSkip;
    /** How many quiet looks the next slice that gives nothing back skips. */
    private int skipAfterFruitlessSlice = 1;

    private QuietCompaction(
            MVStore store,
            LongSupplier acknowledgedWrites,
            LongSupplier fileSize,
            Supplier<StoreCompaction.Result> slice,
            ScheduledExecutorService timer) {
        this.store = store;
        this.acknowledgedWrites = acknowledgedWrites;
        this.fileSize = fileSize;
        this.slice = slice;
        this.timer = timer;
    }

    /** Looks every {@code interval} (on a daemon thread of its own) until closed. */
    static QuietCompaction start(MVStore store, LongSupplier acknowledgedWrites, Duration interval) {
        return start(
                store,
                acknowledgedWrites,
                interval,
                () -> store.getFileStore().size(),
                () -> StoreCompaction.compactIfSparse(
                        store, StoreCompaction.BELOW_LIVE_SHARE, StoreCompaction.MIN_BYTES, SLICE_MILLIS));
    }

    /**
     * {@link #start(MVStore, LongSupplier, Duration)} with {@code fileSize} and {@code slice} in place of the file's
     * size and a slice of compaction.
     */
    static QuietCompaction start(
            MVStore store,
            LongSupplier acknowledgedWrites,
            Duration interval,
            LongSupplier fileSize,
            Supplier<StoreCompaction.Result> slice) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-compaction");
            thread.setDaemon(true);
            return thread;
        });
        QuietCompaction compaction = new QuietCompaction(store, acknowledgedWrites, fileSize, slice, timer);
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(compaction::lookSafely, millis, millis, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /**
     * One look: compacts a slice if the store was quiet since the previous look and the file qualifies. Returns what
     * the slice did, or {@code null} when it was not quiet (or this is the first look), or while quiet looks are
     * skipped after a slice that gave nothing back. MVStore's count of live bytes can stay low after a compaction,
     * and a slice can give nothing back when it runs moments after a burst of commits (the first slice after a burst,
     * in three running engines, and once in five runs of a test; a later slice gave the space back): the skips double
     * after each such slice, from one look to {@value #MOST_SKIPPED_LOOKS}, so a file that qualifies but cannot shrink
     * costs a slice (and a wait for every writer) rarely, and end once the file has grown by
     * {@link StoreCompaction#MIN_BYTES}.
     */
    synchronized StoreCompaction.Result look() {
        long writes = acknowledgedWrites.getAsLong();
        boolean quiet = writesAtLastLook >= 0 && writes - writesAtLastLook <= QUIET_WRITES;
        writesAtLastLook = writes;
        if (!quiet || store.isClosed()) {
            return null;
        }
        if (looksToSkip > 0) {
            if (fileSize.getAsLong() < sizeAfterFruitlessSlice + StoreCompaction.MIN_BYTES) {
                looksToSkip--;
                return null;
            }
            looksToSkip = 0;
        }
        StoreCompaction.Result result = slice.get();
        if (result.compacted() && result.bytesAfter() >= result.bytesBefore()) {
            sizeAfterFruitlessSlice = result.bytesAfter();
            looksToSkip = skipAfterFruitlessSlice;
            skipAfterFruitlessSlice = Math.min(2 * skipAfterFruitlessSlice, MOST_SKIPPED_LOOKS);
        } else if (result.compacted()) {
            skipAfterFruitlessSlice = 1;
        }
        return result;
    }

    private void lookSafely() {
        try {
            look();
        } catch (RuntimeException e) {
            // the next look tries again; the store is consistent whatever a slice did
            log.warn("Compacting the embedded store failed: {}", e.toString());
        }
    }

    /**
     * Stops looking, and waits for a slice that is running to finish (without interrupting it: an interrupted file
     * channel would close the store).
     */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("A compaction of the embedded store did not finish within 30 s of the store closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
