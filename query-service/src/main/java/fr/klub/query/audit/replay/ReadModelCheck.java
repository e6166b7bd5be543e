package fr.klub.query.audit.replay;

import java.util.List;

/**
 * The comparison of one live read model with what the replay rebuilt: whether they agree, how
 * many rows were compared (live and rebuilt: a match over zero rows would prove nothing), how
 * many differ, the first few differences in words, and how many events the read model has set
 * aside (dead letters): when it differs and holds dead letters, they are why — it waits for a
 * staff retry, not for lag.
 */
public record ReadModelCheck(String readModel, boolean matches, long rowsCompared, int differenceCount,
                             List<String> differences, long deadLetters) {

    private static final int SHOWN = 20;

    public static ReadModelCheck of(String readModel, List<String> differences, long deadLetters, long rowsCompared) {
        return new ReadModelCheck(readModel, differences.isEmpty(), rowsCompared, differences.size(),
                List.copyOf(differences.subList(0, Math.min(SHOWN, differences.size()))), deadLetters);
    }

    /** Nothing more will change without staff: it agrees, or its differences come with dead letters. */
    public boolean settled() {
        return matches || deadLetters > 0;
    }
}
