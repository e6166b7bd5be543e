package fr.klub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * CPU time used by processes (user + system, from {@code /proc/<pid>/stat}), to divide by the work
 * they did: unlike a rate or a latency, it is not inflated by other loads sharing the machine.
 * A group counts a process and its descendants (PostgreSQL's server and its backends).
 */
final class ProcessCpu {

    /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s times, 100 on every Linux build we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, long[]> groups = new LinkedHashMap<>();

    /** The process alone ({@code withDescendants} false) or with every process it started. */
    ProcessCpu add(String name, long pid, boolean withDescendants) {
        long[] pids = withDescendants
                ? LongStream.concat(LongStream.of(pid), ProcessHandle.of(pid).stream()
                        .flatMap(ProcessHandle::descendants).mapToLong(ProcessHandle::pid)).toArray()
                : new long[] {pid};
        groups.put(name, pids);
        return this;
    }

    /** CPU seconds used so far, per group. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        groups.forEach((name, pids) -> seconds.put(name, LongStream.of(pids).mapToDouble(ProcessCpu::seconds).sum()));
        return seconds;
    }

    /** Milliseconds of CPU per unit of work between two readings, per group and in total. */
    static Map<String, Object> perUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        Map<String, Object> perUnit = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            double used = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            total += used;
            perUnit.put(entry.getKey(), Latencies.round(used * 1000 / Math.max(1, units)));
        }
        perUnit.put("total", Latencies.round(total * 1000 / Math.max(1, units)));
        return perUnit;
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
