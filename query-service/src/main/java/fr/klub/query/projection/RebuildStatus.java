package fr.klub.query.projection;

import java.time.Instant;

/** The last rebuild asked for a read model. */
record RebuildStatus(State status, Instant requestedAt, Instant finishedAt) {

    enum State {
        REQUESTED,
        DONE,
        FAILED
    }

    boolean isAbandoned(Instant now) {
        return status == State.REQUESTED && requestedAt.plus(ProjectionRebuilds.ABANDONED_AFTER).isBefore(now);
    }
}
