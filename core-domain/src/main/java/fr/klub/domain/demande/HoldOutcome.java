package fr.klub.domain.demande;

/**
 * Outcome of a reservation click: whether the hold (or wish) is new (false on a retry) and the online
 * places left; in a lottery's wish window, {@code wishRank} is the wish's rank (null for a hold).
 */
public record HoldOutcome(boolean newHold, int onlinePlacesLeft, Integer wishRank) {

    public HoldOutcome(boolean newHold, int onlinePlacesLeft) {
        this(newHold, onlinePlacesLeft, null);
    }

    static HoldOutcome wish(boolean isNew, int rank) {
        return new HoldOutcome(isNew, 0, rank);
    }

    public boolean wished() {
        return wishRank != null;
    }
}
