package fr.klub.domain.session;

import java.util.UUID;

/** How a child's latest offer on a session ended, so that answering it again gives the same answer. */
public record OfferOutcome(Kind kind, UUID demandeId) {

    public enum Kind { ACCEPTED, DECLINED, LAPSED }
}
