package fr.klub.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latencies of one kind of operation (nanoseconds in, milliseconds out), thread-safe. */
final class Latencies {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    void addAll(Latencies other) {
        long[] copy;
        int count;
        synchronized (other) {
            copy = Arrays.copyOf(other.values, other.size);
            count = other.size;
        }
        for (int i = 0; i < count; i++) {
            add(copy[i]);
        }
    }

    synchronized int count() {
        return size;
    }

    synchronized double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1_000_000.0;
    }

    synchronized double maxMillis() {
        long max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[i]);
        }
        return size == 0 ? Double.NaN : max / 1_000_000.0;
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", count());
        summary.put("p50Ms", round(percentileMillis(50)));
        summary.put("p99Ms", round(percentileMillis(99)));
        summary.put("maxMs", round(maxMillis()));
        return summary;
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }
}
