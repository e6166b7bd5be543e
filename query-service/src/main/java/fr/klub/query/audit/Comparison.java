package fr.klub.query.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One read model compared with the replay: its differences in words, and how many rows were
 * compared (live and rebuilt together), so that a report of "no difference" over nothing at all
 * cannot pass for a match over something.
 */
final class Comparison {

    private final List<String> differences = new ArrayList<>();
    private long rowsCompared;

    /** Compares one table's rows (key → description) with the replay's, and keeps the result. */
    Comparison add(String what, Map<String, String> rebuilt, Map<String, String> live) {
        Set<String> keys = new HashSet<>(rebuilt.keySet());
        keys.addAll(live.keySet());
        rowsCompared += keys.size();
        differences.addAll(Differences.between(what, rebuilt, live));
        return this;
    }

    List<String> differences() {
        return differences;
    }

    long rowsCompared() {
        return rowsCompared;
    }
}
