package fr.klub.notification.devmail;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The dev run's mail server (GreenMail): it accepts every mail on the SMTP port the service
 * sends to ({@code spring.mail.host}/{@code spring.mail.port}) and keeps it in memory, readable
 * through {@code GET /api/staff/dev/mailbox} or any IMAP client (any address as login, any
 * password). Started only when {@code klub.mail.embedded=true}; never in production.
 */
class EmbeddedMailServer implements InitializingBean, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMailServer.class);

    private final String host;
    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    EmbeddedMailServer(String host, int smtpPort, int imapPort) {
        this.host = host;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    @Override
    public void afterPropertiesSet() {
        GreenMail server = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            server.start();
            greenMail = server;
            LOG.info("Embedded mail server: SMTP on {}:{}, IMAP on {}:{} (any login, any password)",
                    host, smtpPort, host, imapPort);
        } catch (RuntimeException e) {
            // A second dev instance on the same machine sends to the first one's server.
            LOG.warn("Embedded mail server not started ({}); mails go to whatever listens on {}:{}",
                    e.getMessage(), host, smtpPort);
        }
    }

    /** Every mail received since start, oldest first; empty if this instance did not start the server. */
    List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    boolean isStarted() {
        return greenMail != null;
    }

    @Override
    public void destroy() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
