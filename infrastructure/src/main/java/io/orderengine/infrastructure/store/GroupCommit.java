package io.orderengine.infrastructure.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: a write is acknowledged only after a commit that started after the write was applied, but one
 * commit acknowledges every write applied before it started. Writers that arrive while a commit runs queue behind
 * it; the first of them commits once for all of them, the others find their write covered and return at once.
 * <p>
 * Each applied write takes a ticket (the count of writes applied so far, its own included). A commit reads the
 * count before it starts and, once done, publishes it as the count that is durable: every write whose ticket is at
 * or below it was applied before the commit read the count, so the commit covers it.
 */
final class GroupCommit {

    private final Runnable commit;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long durable;

    /** {@code commit} makes everything applied before it started durable; it is never called concurrently. */
    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Called after a write was applied; returns once a commit covers it (or throws what the commit threw). */
    void awaitDurable() {
        long ticket = applied.incrementAndGet();
        if (durable >= ticket) {
            return;
        }
        lock.lock();
        try {
            if (durable >= ticket) {
                return;
            }
            long upTo = applied.get();
            commit.run();
            commits.incrementAndGet();
            durable = upTo;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Called after a write was applied that is answered without waiting: the next commit covers it (another writer's,
     * or the store's background commit), and it counts in {@link #writes()}.
     */
    void appliedWithoutWaiting() {
        applied.incrementAndGet();
    }

    /** Writes applied so far (each acknowledged after a commit covered it, or applied without waiting). */
    long writes() {
        return applied.get();
    }

    /** Commits made on behalf of writes (fewer than the writes when writers overlap). */
    long commits() {
        return commits.get();
    }
}
