package fr.klub.query.agenda;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.session.Channel;

/** How a booked session shows in the family agenda. */
public enum AgendaStatus {
    /** The demande is deposited and waits for staff. */
    PENDING,
    /** The demande was accepted, or staff booked the place on site. */
    CONFIRMED;

    /** @return the agenda status of a live place, or null when it does not belong in the agenda (a draft's hold). */
    static AgendaStatus of(Channel channel, String demandeStatus) {
        if (channel == Channel.ONSITE || DemandeStatus.ACCEPTED.name().equals(demandeStatus)) {
            return CONFIRMED;
        }
        return DemandeStatus.DEPOSITED.name().equals(demandeStatus) ? PENDING : null;
    }
}
