package fr.klub.notification.mailing;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.contacts.Contacts;
import fr.klub.notification.contacts.SessionFacts;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;

/**
 * The waiting list's letters (product.md §9): the offer of a place that came back, and the offer
 * that lapsed. Same group, same guarantees as {@link MailingPolicy}: one log row per event and
 * family, committed with the processor's token, never written on a replay. An accepted offer
 * needs no letter of its own: the demande it deposits gets the deposit letter.
 */
@Component
@ProcessingGroup(NotificationProcessor.MAILS_GROUP)
@DisallowReplay
class WaitlistMailing {

    private final Contacts contacts;
    private final LetterWriter letters;
    private final Outbox outbox;
    private final FamilyMail mail;

    WaitlistMailing(Contacts contacts, LetterWriter letters, Outbox outbox, FamilyMail mail) {
        this.contacts = contacts;
        this.letters = letters;
        this.outbox = outbox;
        this.mail = mail;
    }

    @EventHandler
    void on(PlaceOffered event, @MessageIdentifier String eventId) {
        mail.requireContactsOf(event.familyId(), event.sessionId());
        NewNotification notification = NewNotification.toFamily(eventId, LetterKind.PLACE_OFFERED,
                event.familyId(), null, event.sessionId());
        Optional<SessionFacts> session = contacts.session(event.sessionId());
        if (session.isEmpty()) {
            outbox.recordUnbuildable(notification, unknownSession());
            return;
        }
        SessionFacts facts = session.get();
        String child = childName(event.childId());
        mail.write(notification, to -> letters.placeOffered(to, facts.activity(), facts.date(),
                facts.period().label(), child, event.expiresAt()));
    }

    /** The deadline is the lapse's own time: the offer lapses when its deadline is due. */
    @EventHandler
    void on(OfferLapsed event, @MessageIdentifier String eventId) {
        mail.requireContactsOf(event.sessionId());
        Optional<UUID> family = contacts.familyOfferedTo(event.sessionId(), event.childId());
        if (family.isEmpty()) {
            outbox.recordUnbuildable(new NewNotification(eventId, LetterKind.OFFER_LAPSED, "child:" + event.childId(),
                    null, null, event.sessionId()), "Offre inconnue du service des notifications : famille introuvable.");
            return;
        }
        mail.requireContactsOf(family.get());
        NewNotification notification = NewNotification.toFamily(eventId, LetterKind.OFFER_LAPSED, family.get(),
                null, event.sessionId());
        Optional<SessionFacts> session = contacts.session(event.sessionId());
        if (session.isEmpty()) {
            outbox.recordUnbuildable(notification, unknownSession());
            return;
        }
        SessionFacts facts = session.get();
        String child = childName(event.childId());
        mail.write(notification, to -> letters.offerLapsed(to, facts.activity(), facts.date(),
                facts.period().label(), child, event.lapsedAt()));
    }

    private String childName(UUID childId) {
        return contacts.firstNameOf(childId).orElse("votre enfant");
    }

    private static String unknownSession() {
        return "Séance inconnue du service des notifications.";
    }
}
