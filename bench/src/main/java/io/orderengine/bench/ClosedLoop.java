package io.orderengine.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: a fixed number of workers, each sending its next request as soon as the previous one answered,
 * for a warm-up and then a measured period. Throughput and latencies come from the measured period only.
 */
final class ClosedLoop {

    /** One request; returns whether it succeeded. */
    interface Call {
        boolean run(int worker, long sequence);
    }

    record Result(int concurrency, long ok, long failed, double seconds, Latencies latencies) {

        double perSecond() {
            return ok / seconds;
        }

        String line(String label) {
            return String.format(
                    "%-10s c=%-3d %9.1f req/s  %s  failed=%d",
                    label, concurrency, perSecond(), latencies.summary(), failed);
        }
    }

    private ClosedLoop() {}

    static Result run(int concurrency, Duration warmUp, Duration measured, Call call) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        List<Latencies> perWorker = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Latencies latencies = new Latencies();
            perWorker.add(latencies);
            running.add(workers.submit(() -> {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return null;
                    }
                    boolean success;
                    try {
                        success = call.run(worker, sequence.incrementAndGet());
                    } catch (RuntimeException e) {
                        success = false;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= end) {
                        if (success) {
                            ok.incrementAndGet();
                            latencies.add(done - sent);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();
        Latencies all = new Latencies();
        perWorker.forEach(all::addAll);
        return new Result(concurrency, ok.get(), failed.get(), measured.toNanos() / 1e9, all);
    }
}
