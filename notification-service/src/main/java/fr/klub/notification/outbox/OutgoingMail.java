package fr.klub.notification.outbox;

import org.springframework.web.util.HtmlUtils;

/**
 * A claimed row, as the sender needs it. {@code messageKey} makes the Message-ID stable across
 * re-sends; {@code eventId} and {@code template} find a {@link SendingTimeSecret} of the row.
 */
record OutgoingMail(long id, String eventId, String template, String messageKey, String recipient, String subject,
                    String text, String html, int attempts) {

    /** This mail with the secret in place of its mask; only ever in memory, on the way to SMTP. */
    OutgoingMail revealing(String mask, String secret) {
        return new OutgoingMail(id, eventId, template, messageKey, recipient, subject,
                text == null ? null : text.replace(mask, secret),
                html == null ? null : html.replace(mask, HtmlUtils.htmlEscape(secret)), attempts);
    }
}
