package fr.klub.domain.shared;

/** Stable machine codes of refused commands, as published in the HTTP contract (api.md). */
public enum RefusalCode {
    VALIDATION_FAILED,
    NOT_FOUND,
    SESSION_FULL,
    PERIOD_ALREADY_BOOKED,
    CHILD_NOT_ELIGIBLE,
    BOOKING_CLOSED,
    DEMANDE_NOT_DRAFT,
    DEMANDE_NOT_DEPOSITED,
    DEMANDE_EMPTY,
    ALREADY_DECIDED,
    CANCELLATION_DEADLINE_PASSED,
    CAPACITY_BELOW_BOOKINGS,
    TOO_MANY_DRAFTS,
    WAITLIST_NOT_NEEDED,
    OFFER_NOT_PENDING,
    WISHES_OPEN
}
