package fr.klub.domain.booking;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.WithdrawReservation;
import fr.klub.domain.session.Session;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.ReleaseReason;

/** Reservations that do not start from a draft: on-site bookings by staff, and a family's cancellations. */
public class ReservationDesk {

    static final String NO_RESERVATION = "Aucune réservation de cet enfant pour cette séance.";

    private final Places places;
    private final Enrolment enrolment;
    private final Repository<Demande> demandes;

    public ReservationDesk(Places places, Enrolment enrolment, Repository<Demande> demandes) {
        this.places = places;
        this.enrolment = enrolment;
        this.demandes = demandes;
    }

    /** @return whether the place is new (false when the child already had it: a retry). */
    @CommandHandler
    public boolean handle(ReserveOnsite command) throws Exception {
        enrolment.admitOnsite(command.childId(), places.load(command.sessionId()).invoke(s -> s.slot().programmeId()));
        return places.bookOnsite(command.sessionId(), command.childId(), command.at());
    }

    @CommandHandler
    public void handle(CancelOnsite command) throws Exception {
        if (places.load(command.sessionId()).invoke(s -> s.hasOnsitePlace(command.childId()))) {
            places.release(command.sessionId(), command.childId(), ReleaseReason.CANCELLED_BY_STAFF, command.at());
        }
    }

    /**
     * Every "not yours or not there" ends in the same words: an unknown session, a child without a
     * place, and another family's child holding one must not be told apart (api.md: existence is
     * not revealed).
     */
    @CommandHandler
    public void handle(CancelReservation command) throws Exception {
        Session session = places.load(command.sessionId(), NO_RESERVATION).invoke(s -> s);
        UUID demandeId = session.onlineDemandeOf(command.childId())
                .or(() -> session.demandeCancelledByFamily(command.childId()))
                .orElseThrow(() -> Refusal.notFound(NO_RESERVATION));
        try {
            Aggregates.loadOrNotFound(demandes, demandeId, NO_RESERVATION)
                    .handle(GenericCommandMessage.asCommandMessage(new WithdrawReservation(demandeId,
                            command.familyId(), command.childId(), command.sessionId(), command.at())));
        } catch (Refusal refusal) {
            if (refusal.code() == RefusalCode.NOT_FOUND) {
                throw Refusal.notFound(NO_RESERVATION);
            }
            throw refusal;
        }
    }
}
