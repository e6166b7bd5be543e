package fr.klub.notification.outbox;

/** Where an e-mail stands: waiting to be (re)sent, sent, or given up on (staff may retry it). */
public enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
