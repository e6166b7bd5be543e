package fr.klub.notification.deadletter;

import java.time.Instant;

/**
 * One event set aside by the notification processor, as staff see it. No payload: it holds
 * personal data.
 *
 * @param globalIndex     the event's position in the history
 * @param eventType       e.g. {@code SessionScheduled}
 * @param aggregateId     the aggregate whose later events wait behind it (the dead-letter sequence)
 * @param processingGroup {@code notification-contacts} (the read model) or {@code notification-mails} (the letters)
 * @param cause           what failed, without personal data; null for an event that only waits
 *                        behind an earlier failing event of its aggregate
 * @param enqueuedAt      when it was set aside
 * @param lastTouched     its last retry (or {@code enqueuedAt})
 */
record DeadLetterView(Long globalIndex, String eventType, String aggregateId, String eventId,
                      String processingGroup, String cause, boolean waitingBehindEarlierEvent,
                      Instant enqueuedAt, Instant lastTouched) {
}
