package io.orderengine.infrastructure.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fault injection: every {@code every}-th insert into a collection is held on the writer's thread for a fixed time
 * before it reaches the store, after the commit got its positions (or, for the stock engine, after its events got
 * their timestamps). The delay is the fault under test, not a wait for a result.
 */
final class DelayedCommits implements CommandListener {

    private final String collection;
    private final int every;
    private final Duration delay;
    private final AtomicInteger inserts = new AtomicInteger();
    private final AtomicInteger delayed = new AtomicInteger();

    DelayedCommits(String collection, int every, Duration delay) {
        this.collection = collection;
        this.every = every;
        this.delay = delay;
    }

    int delayed() {
        return delayed.get();
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!"insert".equals(event.getCommandName())
                || !collection.equals(event.getCommand().getString("insert").getValue())) {
            return;
        }
        if (inserts.incrementAndGet() % every != 0) {
            return;
        }
        delayed.incrementAndGet();
        long deadline = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
