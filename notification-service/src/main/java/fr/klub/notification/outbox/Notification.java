package fr.klub.notification.outbox;

import java.time.Instant;
import java.util.UUID;

/** One row of the notification log, as staff see it. */
public record Notification(
        long id,
        String eventId,
        String template,
        UUID familyId,
        UUID demandeId,
        UUID sessionId,
        String recipient,
        String subject,
        String body,
        NotificationStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt) {
}
