package fr.klub.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Outcomes by name (HTTP codes, problem codes), thread-safe. */
final class Counts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String outcome) {
        counts.computeIfAbsent(outcome, key -> new LongAdder()).increment();
    }

    long get(String outcome) {
        LongAdder count = counts.get(outcome);
        return count == null ? 0 : count.sum();
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Everything but the given outcomes. */
    long otherThan(String... expected) {
        long other = total();
        for (String outcome : expected) {
            other -= get(outcome);
        }
        return other;
    }

    Map<String, Long> asMap() {
        Map<String, Long> map = new TreeMap<>();
        counts.forEach((key, value) -> map.put(key, value.sum()));
        return map;
    }
}
