package fr.klub.notification.mailing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.contacts.BookedChild;
import fr.klub.notification.contacts.Contacts;
import fr.klub.notification.contacts.DemandeFacts;
import fr.klub.notification.contacts.SessionFacts;
import fr.klub.notification.letters.Addressee;
import fr.klub.notification.letters.Letter;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;

/**
 * Whenever something happens that a family must be told about, write the letter into the
 * notification log. Nothing is sent here: the log row commits with this processing group's
 * token (so each event asks for its letters exactly once), and the sender works the log off.
 * <p>
 * Replays never reach this class ({@link DisallowReplay}): rebuilding the read models re-sends
 * nothing. It shares its event processor with the contacts projection, so the read model it
 * reads is exactly as of the event being handled.
 */
@Component
@ProcessingGroup(NotificationProcessor.MAILS_GROUP)
@DisallowReplay
class MailingPolicy {

    private final Contacts contacts;
    private final LetterWriter letters;
    private final Outbox outbox;
    private final FamilyMail mail;

    MailingPolicy(Contacts contacts, LetterWriter letters, Outbox outbox, FamilyMail mail) {
        this.contacts = contacts;
        this.letters = letters;
        this.outbox = outbox;
        this.mail = mail;
    }

    @EventHandler
    void on(DemandeDeposited event, @MessageIdentifier String eventId) {
        requireContactsOf(event.familyId());
        write(NewNotification.toFamily(eventId, LetterKind.DEMANDE_DEPOSITED, event.familyId(), event.demandeId(), null),
                to -> letters.deposit(to, event.number(), event.depositedAt(), event.trackingToken()));
    }

    @EventHandler
    void on(DemandeAccepted event, @MessageIdentifier String eventId) {
        requireContactsOf(event.familyId(), event.demandeId());
        NewNotification notification = NewNotification.toFamily(eventId, LetterKind.DEMANDE_ACCEPTED,
                event.familyId(), event.demandeId(), null);
        Optional<DemandeFacts> demande = depositedDemande(event.demandeId());
        if (demande.isEmpty()) {
            outbox.recordUnbuildable(notification, unknownDeposit());
            return;
        }
        write(notification, to -> letters.accepted(to, demande.get().number(), demande.get().depositedAt()));
    }

    @EventHandler
    void on(DemandeRefused event, @MessageIdentifier String eventId) {
        requireContactsOf(event.familyId(), event.demandeId());
        NewNotification notification = NewNotification.toFamily(eventId, LetterKind.DEMANDE_REFUSED,
                event.familyId(), event.demandeId(), null);
        Optional<DemandeFacts> demande = depositedDemande(event.demandeId());
        if (demande.isEmpty()) {
            outbox.recordUnbuildable(notification, unknownDeposit());
            return;
        }
        write(notification,
                to -> letters.refused(to, demande.get().number(), demande.get().depositedAt(), event.reason()));
    }

    /** A draft that expired with places in it: the family learns that those places are gone. */
    @EventHandler
    void on(DemandeExpired event, @MessageIdentifier String eventId) {
        if (event.releasedReservations() == null || event.releasedReservations().isEmpty()) {
            return;
        }
        requireContactsOf(event.familyId(), event.demandeId());
        NewNotification notification = NewNotification.toFamily(eventId, LetterKind.DRAFT_EXPIRED,
                event.familyId(), event.demandeId(), null);
        Optional<DemandeFacts> demande = contacts.demande(event.demandeId()).filter(d -> d.createdAt() != null);
        if (demande.isEmpty()) {
            outbox.recordUnbuildable(notification, "Demande inconnue du service des notifications.");
            return;
        }
        write(notification, to -> letters.draftExpired(to, demande.get().createdAt()));
    }

    /**
     * One letter per family with a child on the session, naming the children concerned. The
     * places are released by the events that follow, so the bookings read here are the ones
     * the cancellation takes away.
     */
    @EventHandler
    void on(SessionCancelled event, @MessageIdentifier String eventId) {
        requireContactsOf(event.sessionId());
        List<BookedChild> booked = contacts.bookedOn(event.sessionId());
        if (booked.isEmpty()) {
            if (isDeadLetterRetry()) {
                // Retried after the places were released: who was booked is no longer known here.
                outbox.recordUnbuildable(new NewNotification(eventId, LetterKind.SESSION_CANCELLED,
                        "session:" + event.sessionId(), null, null, event.sessionId()),
                        "Séance annulée, courriel rejoué après coup : les familles inscrites ne sont plus connues "
                                + "du service des notifications. Prévenez-les (liste des inscrits de la séance).");
            }
            return;
        }
        Optional<SessionFacts> session = contacts.session(event.sessionId());
        Map<UUID, List<String>> childrenByFamily = new LinkedHashMap<>();
        for (BookedChild child : booked) {
            if (child.familyId() == null) {
                outbox.recordUnbuildable(new NewNotification(eventId, LetterKind.SESSION_CANCELLED,
                        "child:" + child.childId(), null, null, event.sessionId()),
                        "Famille inconnue pour un enfant inscrit à cette séance.");
                continue;
            }
            childrenByFamily.computeIfAbsent(child.familyId(), family -> new ArrayList<>())
                    .add(child.firstName() == null ? "votre enfant" : child.firstName());
        }
        childrenByFamily.forEach((familyId, children) -> {
            NewNotification notification = NewNotification.toFamily(eventId, LetterKind.SESSION_CANCELLED,
                    familyId, null, event.sessionId());
            if (session.isEmpty()) {
                outbox.recordUnbuildable(notification, "Séance inconnue du service des notifications.");
                return;
            }
            SessionFacts facts = session.get();
            write(notification, to -> letters.sessionCancelled(to, facts.activity(), facts.date(),
                    facts.period().label(), children, event.reason()));
        });
    }

    private void requireContactsOf(UUID... aggregateIds) {
        mail.requireContactsOf(aggregateIds);
    }

    /**
     * Axon's dead-letter processing task puts the letter among the resources of the unit of work
     * it retries in (nested in the queue's own, so each level is looked at).
     */
    private static boolean isDeadLetterRetry() {
        for (UnitOfWork<?> unit = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null; unit != null;
             unit = unit.parent().orElse(null)) {
            if (unit.resources().containsKey(DeadLetter.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private Optional<DemandeFacts> depositedDemande(UUID demandeId) {
        return contacts.demande(demandeId).filter(d -> d.number() != null && d.depositedAt() != null);
    }

    private static String unknownDeposit() {
        return "Dépôt de la demande inconnu du service des notifications.";
    }

    private void write(NewNotification notification, Function<List<Addressee>, Letter> letter) {
        mail.write(notification, letter);
    }
}
