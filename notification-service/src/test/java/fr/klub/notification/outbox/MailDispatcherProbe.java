package fr.klub.notification.outbox;

import java.time.Clock;
import java.util.List;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Lets tests of other packages run one sending pass synchronously ({@link MailDispatcher#drain} is package-private). */
public final class MailDispatcherProbe {

    private final MailDispatcher dispatcher;

    public MailDispatcherProbe(Outbox outbox, JavaMailSenderImpl mailSender, SenderSettings settings, Clock clock,
                               List<SendingTimeSecret> secrets) {
        this.dispatcher = new MailDispatcher(outbox, mailSender, settings, clock, "probe", secrets);
    }

    public void drain() {
        dispatcher.drain();
    }
}
