package fr.klub.query.planning;

import java.util.UUID;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.session.Channel;

/** A child with a live place in the session, for the staff. */
record RosterChild(UUID childId, String firstName, String lastName, UUID familyId, Channel channel,
                   PlaceStatus status, UUID demandeId, Long demandeNumber) {

    enum PlaceStatus {
        /** Online, in a draft demande. */
        HELD,
        /** Online, in a deposited demande waiting for staff. */
        DEPOSITED,
        /** Online in an accepted demande, or on site. */
        CONFIRMED
    }

    /**
     * A demande whose status is not known yet (its stream may be processed by another segment)
     * counts as a draft's hold, which is what every online place starts as.
     */
    static PlaceStatus placeStatus(Channel channel, String demandeStatus) {
        if (channel == Channel.ONSITE || DemandeStatus.ACCEPTED.name().equals(demandeStatus)) {
            return PlaceStatus.CONFIRMED;
        }
        return DemandeStatus.DEPOSITED.name().equals(demandeStatus) ? PlaceStatus.DEPOSITED : PlaceStatus.HELD;
    }
}
