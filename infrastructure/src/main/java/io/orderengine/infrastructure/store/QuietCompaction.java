package io.orderengine.infrastructure.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of the embedded store while the engine runs, in quiet moments only: once per interval, if the store
 * acknowledged no write since the previous look, and the file is large and mostly not live
 * ({@link StoreCompaction}), one slice of compaction runs with a small time budget. A slice holds the store's lock,
 * so a write arriving meanwhile waits for it (1.5 s at most as measured on an 811 MB file: three slices of a
 * 500 ms budget took 1.5, 0.7 and 1.1 s and brought it to 46 MB). Nothing runs while writes keep coming, and nothing
 * once the file is compact, so an idle engine costs a counter read and a look at the file's size and fill
 * rate per interval.
 */
final class QuietCompaction implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuietCompaction.class);

    static final Duration INTERVAL = Duration.ofSeconds(60);
    /** The time budget of one slice; MVStore may overshoot it by a few hundred milliseconds. */
    static final int SLICE_MILLIS = 500;

    private final MVStore store;
    private final LongSupplier acknowledgedWrites;
    private final ScheduledExecutorService timer;
    private long writesAtLastLook = -1;

    private QuietCompaction(MVStore store, LongSupplier acknowledgedWrites, ScheduledExecutorService timer) {
        this.store = store;
        this.acknowledgedWrites = acknowledgedWrites;
        this.timer = timer;
    }

    /** Looks every {@code interval} (on a daemon thread of its own) until closed. */
    static QuietCompaction start(MVStore store, LongSupplier acknowledgedWrites, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-compaction");
            thread.setDaemon(true);
            return thread;
        });
        QuietCompaction compaction = new QuietCompaction(store, acknowledgedWrites, timer);
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(compaction::lookSafely, millis, millis, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /**
     * One look: compacts a slice if no write was acknowledged since the previous look and the file qualifies. Returns
     * what the slice did, or {@code null} when the store was written since the previous look (or this is the first).
     */
    synchronized StoreCompaction.Result look() {
        long writes = acknowledgedWrites.getAsLong();
        boolean quiet = writes == writesAtLastLook;
        writesAtLastLook = writes;
        if (!quiet || store.isClosed()) {
            return null;
        }
        return StoreCompaction.compactIfSparse(
                store, StoreCompaction.BELOW_FILL_RATE, StoreCompaction.MIN_BYTES, SLICE_MILLIS);
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
