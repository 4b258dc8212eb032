package io.orderengine.infrastructure.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds back the next insert into one collection until released, on the writer's own thread, after the engine has
 * allocated the commit's positions: a commit that is slow to land, made deterministic.
 */
final class CommitGate implements CommandListener {

    /** One held insert: {@code arrived} opens when a writer is waiting, {@code gate} lets it go on. */
    record Hold(CountDownLatch arrived, CountDownLatch gate) {

        void awaitHeld() throws InterruptedException {
            if (!arrived.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no insert arrived at the gate");
            }
        }

        void release() {
            gate.countDown();
        }
    }

    private final String collection;
    private final AtomicReference<Hold> armed = new AtomicReference<>();

    CommitGate(String collection) {
        this.collection = collection;
    }

    /** The next insert into the collection (only that one) waits until the hold is released. */
    Hold holdNextInsert() {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        armed.set(hold);
        return hold;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!"insert".equals(event.getCommandName())
                || !collection.equals(event.getCommand().getString("insert").getValue())) {
            return;
        }
        Hold hold = armed.getAndSet(null);
        if (hold == null) {
            return;
        }
        hold.arrived().countDown();
        try {
            hold.gate().await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
