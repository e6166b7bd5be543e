package fr.klub.notification.mailing;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import fr.klub.notification.contacts.Contacts;
import fr.klub.notification.letters.Addressee;
import fr.klub.notification.letters.Letter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;

/**
 * What every letter handler does the same way: wait for set-aside contacts, then write one letter
 * to the family's reachable guardians, or log why it cannot be written (never a silent drop).
 */
@Component
class FamilyMail {

    private final Contacts contacts;
    private final Outbox outbox;

    FamilyMail(Contacts contacts, Outbox outbox) {
        this.contacts = contacts;
        this.outbox = outbox;
    }

    /**
     * A letter is never written from a read model that set aside an event it needs: it then waits
     * in this group's dead-letter queue (with the later letters of its aggregate) and is written
     * when staff retry, after the read model's own dead letters (docs/notifications.md).
     */
    void requireContactsOf(UUID... aggregateIds) {
        if (contacts.heldBack(aggregateIds)) {
            throw new ContactsSetAside();
        }
    }

    void write(NewNotification notification, Function<List<Addressee>, Letter> letter) {
        List<Addressee> guardians = contacts.guardiansOf(notification.familyId());
        if (guardians.isEmpty()) {
            outbox.recordUnbuildable(notification, "Famille inconnue : aucun responsable enregistré pour ce foyer.");
            return;
        }
        List<Addressee> reachable = guardians.stream()
                .filter(guardian -> guardian.email() != null && !guardian.email().isBlank())
                .toList();
        if (reachable.isEmpty()) {
            outbox.recordUnbuildable(notification, "Aucune adresse e-mail pour les responsables de ce foyer.");
            return;
        }
        outbox.enqueue(notification, reachable.stream().map(Addressee::email).toList(), letter.apply(reachable));
    }
}
