package fr.klub.notification.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One e-mail as staff read it. {@code body} is the plain-text version; {@code recipient} lists
 * the family's addresses, comma-separated; {@code lastError} says why the last attempt failed
 * (or why the e-mail could not be written at all).
 */
record NotificationView(
        long id,
        String template,
        NotificationStatus status,
        String recipient,
        String subject,
        String body,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt,
        UUID familyId,
        UUID demandeId,
        UUID sessionId,
        String eventId) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.template(), n.status(), n.recipient(), n.subject(), n.body(),
                n.attempts(), n.lastError(), n.createdAt(), n.status() == NotificationStatus.PENDING ? n.nextAttemptAt() : null,
                n.sentAt(), n.familyId(), n.demandeId(), n.sessionId(), n.eventId());
    }
}
