package fr.klub.domain.booking;

import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DropReservation;
import fr.klub.domain.session.CancelSession;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionSlot;
import fr.klub.domain.session.WaitlistEntry;
import fr.klub.domain.session.WithdrawSession;
import fr.klub.domain.shared.Require;

/**
 * Cancelling a session releases every place on it, frees each child's period and takes the
 * reservation out of its demande, all in one unit of work; its waiting list is emptied, and the
 * half-days of children holding an offer are freed too.
 */
public class SessionCancellation {

    private final Places places;
    private final Repository<Demande> demandes;

    public SessionCancellation(Places places, Repository<Demande> demandes) {
        this.places = places;
        this.demandes = demandes;
    }

    @CommandHandler
    @SuppressWarnings("unchecked")
    public void handle(CancelSession command) throws Exception {
        String reason = Require.multilineText(command.reason(), "motif", 1000);
        Aggregate<Session> session = places.load(command.sessionId());
        SessionSlot slot = session.invoke(Session::slot);
        List<WaitlistEntry> offers = session.invoke(s -> s.waitlist().stream().filter(WaitlistEntry::offered).toList());
        List<PlaceReleased> released = (List<PlaceReleased>) Places.send(session,
                new WithdrawSession(command.sessionId(), reason));
        for (PlaceReleased place : released) {
            places.free(slot, place.childId());
            if (place.demandeId() != null) {
                Places.send(demandes.load(place.demandeId().toString()),
                        new DropReservation(place.demandeId(), place.childId(), place.sessionId()));
            }
        }
        for (WaitlistEntry offer : offers) {
            places.free(slot, offer.childId());
        }
    }
}
