package fr.klub.notification.mailing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.contacts.ContactsErasure;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;
import fr.klub.platform.privacy.FamilyKeys;

/**
 * The erasure of a family (product.md §11), in this order and in the processor's one transaction: the confirmation
 * letter is logged to the family's addresses (once, as every letter), then the family's contacts are forgotten and
 * its earlier mails blanked. The letter's own address is blanked when it is sent. See
 * docs/decisions/privacy-rights.md.
 */
@Component
@ProcessingGroup(NotificationProcessor.MAILS_GROUP)
@DisallowReplay
class ErasureMailing {

    private final LetterWriter letters;
    private final Outbox outbox;
    private final FamilyMail mail;
    private final ContactsErasure contacts;
    private final FamilyKeys keys;

    ErasureMailing(LetterWriter letters, Outbox outbox, FamilyMail mail, ContactsErasure contacts, FamilyKeys keys) {
        this.letters = letters;
        this.outbox = outbox;
        this.mail = mail;
        this.contacts = contacts;
        this.keys = keys;
    }

    @EventHandler
    void on(FamilyErased event, @MessageIdentifier String eventId) {
        mail.requireContactsOf(event.familyId());
        mail.write(NewNotification.toFamily(eventId, LetterKind.FAMILY_ERASED, event.familyId(), null, null),
                to -> letters.familyErased(event.erasedAt(), event.cause() == ErasureCause.REQUEST));
        contacts.purge(event.familyId());
        outbox.eraseFamily(event.familyId());
        // the command-service destroyed the key: this service must stop opening the family's values now, not
        // when its cached copy of the key expires
        keys.forget(event.familyId());
    }
}
