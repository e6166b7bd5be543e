package fr.klub.notification.outbox;

/** A claimed row, as the sender needs it. {@code messageKey} makes the Message-ID stable across re-sends. */
record OutgoingMail(long id, String messageKey, String recipient, String subject, String text, String html,
                    int attempts) {
}
