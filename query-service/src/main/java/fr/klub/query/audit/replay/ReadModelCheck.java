package fr.klub.query.audit.replay;

import java.util.List;

/**
 * The comparison of one live read model with what the replay rebuilt: whether they agree, how
 * many rows differ, and the first few differences in words.
 */
public record ReadModelCheck(String readModel, boolean matches, int differenceCount, List<String> differences) {

    private static final int SHOWN = 20;

    public static ReadModelCheck of(String readModel, List<String> differences) {
        return new ReadModelCheck(readModel, differences.isEmpty(), differences.size(),
                List.copyOf(differences.subList(0, Math.min(SHOWN, differences.size()))));
    }
}
