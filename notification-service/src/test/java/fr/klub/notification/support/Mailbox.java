package fr.klub.notification.support;

import java.io.IOException;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.base.GreenMailOperations;

/** What a family's mail client would show: the messages GreenMail delivered to one address. */
public final class Mailbox {

    private Mailbox() {
    }

    public record Mail(String messageId, List<String> to, String subject, String text, String html) {
    }

    public static List<Mail> of(GreenMailOperations smtp, String address) {
        // GreenMail's store may change under a reader while a mail is being delivered: read again.
        for (int attempt = 1; ; attempt++) {
            try {
                return smtp.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                        .map(Mailbox::read)
                        .toList();
            } catch (ConcurrentModificationException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] recipients = message.getRecipients(MimeMessage.RecipientType.TO);
            return new Mail(message.getMessageID(),
                    recipients == null ? List.of() : Arrays.stream(recipients).map(Address::toString).toList(),
                    message.getSubject(), unixLines(part(message, "text/plain")), unixLines(part(message, "text/html")));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    /** SMTP carries CRLF line ends; the letters are written with LF. */
    private static String unixLines(String text) {
        return text == null ? null : text.replace("\r\n", "\n");
    }

    private static String part(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
