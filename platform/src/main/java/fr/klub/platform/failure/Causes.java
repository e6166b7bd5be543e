package fr.klub.platform.failure;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one walk along a failure's cause chain. Axon wraps a handler's exception (in
 * {@code CommandExecutionException}, {@code EventStoreException}…), Spring wraps the driver's, and
 * a JDBC batch hides the real error in {@link SQLException#getNextException()}: whoever asks "is
 * there an X in there?" asks here. A chain that loops back on itself is walked once.
 */
public final class Causes {

    private Causes() {
    }

    /** The failure, its causes in order, and each SQL exception's next exception right after it. */
    public static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
            if (cause instanceof SQLException sql && sql.getNextException() != null && seen.add(sql.getNextException())) {
                chain.add(sql.getNextException());
            }
        }
        return chain;
    }

    /** The first failure of the given type in the chain. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause : chain(failure)) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** Whether the chain holds a failure of any of the given types. */
    @SafeVarargs
    public static boolean contains(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable cause : chain(failure)) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last failure of the chain: what actually went wrong. */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return chain.get(chain.size() - 1);
    }
}
