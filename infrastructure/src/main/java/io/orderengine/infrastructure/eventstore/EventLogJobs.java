package io.orderengine.infrastructure.eventstore;

import io.orderengine.infrastructure.eventstore.EventLogVerifier.EventLogVerification;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the sealer every {@code engine.event-log.seal-interval} and, every {@code verification-interval} on one
 * instance of a cluster (a lease), a full verification whose outcome is logged and handed to every
 * {@link EventLogHeadListener}. Neither is an event processor, so replays and rebuilds never run them.
 */
public final class EventLogJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLogJobs.class);

    private final EventChainSealer sealer;
    private final EventLogVerifier verifier;
    private final ChainLease verificationLease;
    private final EventLogProperties properties;
    private final ObjectProvider<EventLogHeadListener> listeners;
    private ScheduledExecutorService executor;

    EventLogJobs(
            EventChainSealer sealer,
            EventLogVerifier verifier,
            ChainLease verificationLease,
            EventLogProperties properties,
            ObjectProvider<EventLogHeadListener> listeners) {
        this.sealer = sealer;
        this.verifier = verifier;
        this.verificationLease = verificationLease;
        this.properties = properties;
        this.listeners = listeners;
    }

    /** Chains what is ready now (tests and the verification call it; the schedule does too). */
    public synchronized int sealNow() {
        return sealer == null ? 0 : sealer.seal();
    }

    /** Chains what is ready, then verifies the whole chain. */
    public EventLogVerification verifyNow() {
        sealNow();
        return verifier.verify();
    }

    /** Verifies ({@link #verifyNow()}), logs the outcome and tells the listeners; returns the outcome. */
    public EventLogVerification verifyAndPublish() {
        EventLogVerification outcome = verifyNow();
        if (outcome.verified()) {
            log.info("event log verified: {} events, head {}", outcome.events(), outcome.head());
        } else {
            log.error(
                    "event log verification FAILED at position {}: {}",
                    outcome.firstBrokenPosition(),
                    outcome.reason());
        }
        listeners.orderedStream().forEach(listener -> listener.verified(outcome));
        return outcome;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-log");
            thread.setDaemon(true);
            return thread;
        });
        if (sealer != null) {
            long every = properties.sealInterval().toMillis();
            executor.scheduleWithFixedDelay(() -> guarded("seal", this::sealNow), every, every, TimeUnit.MILLISECONDS);
        }
        long verifyEvery = properties.verificationInterval().toMillis();
        if (verifyEvery > 0) {
            executor.scheduleWithFixedDelay(
                    () -> guarded("verify", () -> {
                        if (verificationLease.claim()) {
                            verifyAndPublish();
                        }
                    }),
                    verifyEvery,
                    verifyEvery,
                    TimeUnit.MILLISECONDS);
        }
    }

    private static void guarded(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("event log {} failed; next round tries again: {}", job, e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
