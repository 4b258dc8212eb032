package io.orderengine.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarized as percentiles in milliseconds. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.samples[i]);
        }
    }

    synchronized int count() {
        return count;
    }

    /** The given percentile (0..100) in milliseconds, nearest-rank. */
    synchronized double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1_000_000.0;
    }

    synchronized double medianMillis() {
        return percentileMillis(50);
    }

    String summary() {
        return String.format(
                "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (n=%d)",
                percentileMillis(50), percentileMillis(99), percentileMillis(99.9), count());
    }
}
