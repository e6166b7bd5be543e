package fr.klub.domain.session;

import fr.klub.domain.shared.Require;

/** A session's capacity split into an online quota and an on-site quota (the rest). */
public record Quota(int capacity, int online) {

    public Quota {
        Require.that(capacity > 0 && capacity <= 500, "La capacité doit être comprise entre 1 et 500.");
        Require.that(online >= 0 && online <= capacity,
                "Le quota en ligne doit être compris entre 0 et la capacité.");
    }

    /** Half the places online, rounded up: the town's default. */
    public static Quota withDefaultSplit(int capacity, Integer online) {
        return new Quota(capacity, online != null ? online : (capacity + 1) / 2);
    }

    public int onsite() {
        return capacity - online;
    }
}
