package fr.klub.domain.booking;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DepositReceipt;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.session.OfferOutcome;
import fr.klub.domain.session.QueueChild;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.session.RemoveQueueEntry;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.TakeOffer;
import fr.klub.domain.session.WaitlistEntry;
import fr.klub.domain.session.WaitlistPosition;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.domain.shared.Require;

/**
 * The waiting lists' public commands (product.md §9): parents queue, leave, accept and decline;
 * staff remove an entry. The queue itself lives in the session; this handler checks who asks, and
 * changes the children's half-days and the demandes in the same unit of work.
 */
public class Waitlists {

    static final String UNKNOWN_CHILD = "Enfant inconnu.";
    static final String UNKNOWN_SESSION = "Séance inconnue.";
    static final String NOT_OFFERED = "Aucune place n'est proposée à cet enfant sur cette séance : "
            + "l'offre a expiré, a été déclinée ou n'existe pas.";

    private final Places places;
    private final Enrolment enrolment;
    private final ChildDirectory directory;
    private final Repository<Demande> demandes;

    public Waitlists(Places places, Enrolment enrolment, ChildDirectory directory, Repository<Demande> demandes) {
        this.places = places;
        this.enrolment = enrolment;
        this.directory = directory;
        this.demandes = demandes;
    }

    @CommandHandler
    public WaitlistPosition handle(JoinWaitlist command) throws Exception {
        requireOwnChild(command.familyId(), command.childId());
        Aggregate<Session> session = places.load(command.sessionId(), UNKNOWN_SESSION);
        enrolment.admitToWaitlist(command.familyId(), command.childId(),
                session.invoke(s -> s.slot().programmeId()), command.at());
        return (WaitlistPosition) Places.send(session,
                new QueueChild(command.sessionId(), command.childId(), command.familyId(), command.at()));
    }

    @CommandHandler
    public void handle(LeaveWaitlist command) throws Exception {
        requireOwnChild(command.familyId(), command.childId());
        Aggregate<Session> session = places.load(command.sessionId(), UNKNOWN_SESSION);
        Optional<WaitlistEntry> entry = session.invoke(s -> s.waitlistEntry(command.childId()));
        if (entry.isEmpty()) {
            return;
        }
        if (entry.get().offered()) {
            places.offers().endOffer(session, command.childId(), false, command.at());
        } else {
            Places.send(session, new RemoveQueueEntry(command.sessionId(), command.childId(),
                    QueueExit.LEFT_BY_FAMILY, null));
        }
    }

    /** Accepting twice gives the same receipt; a lapsed, declined or missing offer is OFFER_NOT_PENDING. */
    @CommandHandler
    public DepositReceipt handle(AcceptOffer command) throws Exception {
        requireOwnChild(command.familyId(), command.childId());
        Aggregate<Session> session = places.load(command.sessionId(), UNKNOWN_SESSION);
        Optional<OfferOutcome> outcome = session.invoke(s -> s.latestOfferOutcome(command.childId()));
        if (outcome.isPresent() && outcome.get().kind() == OfferOutcome.Kind.ACCEPTED) {
            return receiptOf(outcome.get().demandeId());
        }
        boolean pending = session.invoke(s -> s.waitlistEntry(command.childId()).filter(WaitlistEntry::offered))
                .isPresent();
        if (!pending) {
            throw new Refusal(RefusalCode.OFFER_NOT_PENDING, NOT_OFFERED);
        }
        Require.present(command.demandeId(), "demande");
        Require.text(command.trackingToken(), "jeton de suivi", 100);
        Require.that(command.number() > 0, "Le numéro de demande doit être positif.");
        Places.send(session, new TakeOffer(command.sessionId(), command.childId(), command.familyId(),
                command.demandeId(), command.at()));
        UUID programmeId = session.invoke(s -> s.slot().programmeId());
        Aggregate<Demande> demande = demandes.newInstance(() -> Demande.depositedFromOffer(command.demandeId(),
                command.familyId(), programmeId, command.childId(), command.sessionId(), command.trackingToken(),
                command.number(), command.at()));
        return demande.invoke(Demande::receipt);
    }

    /** Declining twice is a no-op; a child that is only waiting has nothing to decline. */
    @CommandHandler
    public void handle(DeclineOffer command) throws Exception {
        requireOwnChild(command.familyId(), command.childId());
        Aggregate<Session> session = places.load(command.sessionId(), UNKNOWN_SESSION);
        Optional<OfferOutcome> outcome = session.invoke(s -> s.latestOfferOutcome(command.childId()));
        if (outcome.isPresent() && outcome.get().kind() == OfferOutcome.Kind.DECLINED
                && session.invoke(s -> s.waitlistEntry(command.childId())).isEmpty()) {
            return;
        }
        places.offers().endOffer(session, command.childId(), false, command.at());
    }

    @CommandHandler
    public void handle(RemoveFromWaitlist command) throws Exception {
        String reason = Require.multilineText(command.reason(), "motif", 1000);
        Aggregate<Session> session = places.load(command.sessionId(), UNKNOWN_SESSION);
        if (session.invoke(s -> s.waitlistEntry(command.childId())).isEmpty()) {
            throw Refusal.notFound("Cet enfant n'est pas dans la liste d'attente de cette séance.");
        }
        boolean wasOffered = (Boolean) Places.send(session, new RemoveQueueEntry(command.sessionId(),
                command.childId(), QueueExit.REMOVED_BY_STAFF, reason));
        if (wasOffered) {
            places.offers().placeCameBack(session, command.childId(), command.at());
        }
    }

    /** Another family's child, or no child at all, is the same 404: existence is not revealed. */
    private void requireOwnChild(UUID familyId, UUID childId) {
        if (childId == null || familyId == null || !directory.familyOf(childId).filter(familyId::equals).isPresent()) {
            throw Refusal.notFound(UNKNOWN_CHILD);
        }
    }

    private DepositReceipt receiptOf(UUID demandeId) {
        return Aggregates.loadOrNotFound(demandes, demandeId, "Demande inconnue.").invoke(Demande::receipt);
    }
}
