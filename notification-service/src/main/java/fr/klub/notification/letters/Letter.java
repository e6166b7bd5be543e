package fr.klub.notification.letters;

/** One e-mail ready to send: the subject, the plain-text body and its HTML alternative. */
public record Letter(String subject, String text, String html) {
}
