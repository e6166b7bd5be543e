package fr.klub.notification.outbox;

import java.util.UUID;

import fr.klub.notification.letters.LetterKind;

/**
 * Identity and references of one e-mail: the event that caused it, the letter, and to whom.
 * {@code (eventId, kind, addressee)} is the log's unique key: an event asks for a given letter
 * to a given family once, whatever happens afterwards.
 */
public record NewNotification(String eventId, LetterKind kind, String addressee, UUID familyId, UUID demandeId,
                              UUID sessionId) {

    public static NewNotification toFamily(String eventId, LetterKind kind, UUID familyId, UUID demandeId,
                                           UUID sessionId) {
        return new NewNotification(eventId, kind, familyId.toString(), familyId, demandeId, sessionId);
    }
}
