package fr.klub.domain.session;

/** Why a child left a waiting list other than by answering an offer. */
public enum QueueExit {
    /** The family left the queue. */
    LEFT_BY_FAMILY,
    /** Staff removed the entry, with a reason. */
    REMOVED_BY_STAFF,
    /** The child got a place on the session another way (a public click, the desk). */
    PLACE_BOOKED,
    /** The session was cancelled. */
    SESSION_CANCELLED
}
