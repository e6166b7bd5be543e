package fr.klub.notification.devmail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Dev only: what the embedded mail server received, as the families' mail clients would show
 * it. Present only with {@code klub.mail.embedded=true}.
 */
@RestController
@ConditionalOnProperty(name = "klub.mail.embedded", havingValue = "true")
@RequestMapping("/api/staff/dev/mailbox")
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Dev mailbox", description = "Courriels reçus par le serveur SMTP embarqué (profil dev uniquement)")
class DevMailboxController {

    private final EmbeddedMailServer server;

    DevMailboxController(EmbeddedMailServer server) {
        this.server = server;
    }

    record ReceivedMail(String messageId, List<String> to, String from, String subject, Instant sentAt, String text) {
    }

    @GetMapping
    @Operation(summary = "Courriels reçus par le serveur SMTP embarqué, du plus ancien au plus récent")
    List<ReceivedMail> received() throws MessagingException, IOException {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : server.received()) {
            Address[] to = message.getAllRecipients();
            mails.add(new ReceivedMail(message.getMessageID(),
                    to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                    message.getFrom() == null || message.getFrom().length == 0 ? null : message.getFrom()[0].toString(),
                    message.getSubject(),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    plainText(message)));
        }
        return mails;
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = plainText(body);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }
}
