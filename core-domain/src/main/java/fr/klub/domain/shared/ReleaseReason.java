package fr.klub.domain.shared;

/** Why a place came back to a session: every release says which place and why. */
public enum ReleaseReason {
    REMOVED_FROM_DRAFT,
    DRAFT_CANCELLED,
    DRAFT_EXPIRED,
    DEMANDE_REFUSED,
    CANCELLED_BY_FAMILY,
    CANCELLED_BY_STAFF,
    SESSION_CANCELLED
}
