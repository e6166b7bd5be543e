package fr.klub.domain.demande;

/** Outcome of a reservation click: whether the hold is new (false on a retry) and the online places left. */
public record HoldOutcome(boolean newHold, int onlinePlacesLeft) {
}
