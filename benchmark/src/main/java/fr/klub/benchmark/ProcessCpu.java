package fr.klub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used by processes (user + system, from {@code /proc/<pid>/stat}), to divide by the work
 * they did: unlike a rate or a latency, it is not inflated by other loads sharing the machine.
 * A group counts a process and its descendants (PostgreSQL's server and its backends): the descendants
 * alive at each reading, plus what the ended ones used (the root's time for its waited-for children),
 * so that a backend started or ended between two readings is counted too.
 */
final class ProcessCpu {

    /** USER_HZ: the unit of {@code /proc/<pid>/stat}'s times, 100 on every Linux build we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** The process alone ({@code withDescendants} false) or with every process it started. */
    ProcessCpu add(String name, long pid, boolean withDescendants) {
        groups.put(name, new Group(pid, withDescendants));
        return this;
    }

    /** CPU seconds used so far, per group. */
    Map<String, Double> seconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        groups.forEach((name, group) -> seconds.put(name, group.seconds()));
        return seconds;
    }

    /** Milliseconds of CPU per unit of work between two readings, per group and in total. */
    static Map<String, Object> perUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        return perUnit(before, after, units, 1000);
    }

    /** The same in microseconds (a replayed event costs tens of them). */
    static Map<String, Object> microsPerUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        return perUnit(before, after, units, 1_000_000);
    }

    private static Map<String, Object> perUnit(Map<String, Double> before, Map<String, Double> after, long units,
                                               double scale) {
        Map<String, Object> perUnit = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> entry : after.entrySet()) {
            double used = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
            total += used;
            perUnit.put(entry.getKey(), Latencies.round(used * scale / Math.max(1, units)));
        }
        perUnit.put("total", Latencies.round(total * scale / Math.max(1, units)));
        return perUnit;
    }

    private record Group(long pid, boolean withDescendants) {

        double seconds() {
            if (!withDescendants) {
                return ticks(pid, false) / TICKS_PER_SECOND;
            }
            long ticks = ticks(pid, true);
            ticks += ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                    .mapToLong(child -> ticks(child.pid(), false)).sum();
            return ticks / TICKS_PER_SECOND;
        }
    }

    /** utime + stime, and with {@code endedChildren} cutime + cstime (children that ended and were waited for). */
    private static long ticks(long pid, boolean endedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return endedChildren ? ticks + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : ticks;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
