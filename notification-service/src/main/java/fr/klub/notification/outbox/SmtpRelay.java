package fr.klub.notification.outbox;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection, opened at the first mail of a sending pass and kept for the next ones (up
 * to {@value #MAILS_PER_CONNECTION}, then a fresh one), configured from Spring's
 * {@code spring.mail.*} settings. Not {@link JavaMailSenderImpl#send}: that one only returns
 * after the goodbye (QUIT) and the close, and the SENT mark must commit as
 * soon as the server has accepted the mail — every millisecond between the two is a window in
 * which a crash makes the mail go out twice. Not thread-safe: one per sending thread.
 */
final class SmtpRelay implements AutoCloseable {

    /**
     * Mails handed over on one connection before it is closed and a new one opened: some servers
     * cap it (Exchange's receive connectors at 20 by default) and answer the next with an error.
     */
    static final int MAILS_PER_CONNECTION = 20;

    private final JavaMailSenderImpl settings;
    private Transport transport;
    private int deliveredOnThisConnection;

    SmtpRelay(JavaMailSenderImpl settings) {
        this.settings = settings;
    }

    MimeMessage newMessage() {
        return settings.createMimeMessage();
    }

    /**
     * Hands the message to the server; returns once the server has accepted it (its reply to the
     * end of DATA). On failure the connection is dropped and the next mail opens a new one.
     */
    void deliver(MimeMessage message) throws MessagingException {
        try {
            String messageId = message.getMessageID();
            // saveChanges writes the MIME headers and, on the way, replaces the Message-ID: put ours back.
            message.saveChanges();
            if (messageId != null) {
                message.setHeader("Message-ID", messageId);
            }
            connected().sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            close();
            throw e;
        }
        deliveredOnThisConnection++;
    }

    private Transport connected() throws MessagingException {
        if (deliveredOnThisConnection >= MAILS_PER_CONNECTION) {
            // Here rather than right after the last mail: its SENT mark must not wait for the goodbye.
            close();
        }
        if (transport == null) {
            String protocol = settings.getProtocol() != null ? settings.getProtocol() : "smtp";
            Transport opened = settings.getSession().getTransport(protocol);
            String username = blankToNull(settings.getUsername());
            opened.connect(settings.getHost(), settings.getPort(), username,
                    username == null ? null : settings.getPassword());
            transport = opened;
        }
        return transport;
    }

    /** Says goodbye; a goodbye that fails changes nothing, the mails were accepted before it. */
    @Override
    public void close() {
        Transport open = transport;
        transport = null;
        deliveredOnThisConnection = 0;
        if (open != null) {
            try {
                open.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
