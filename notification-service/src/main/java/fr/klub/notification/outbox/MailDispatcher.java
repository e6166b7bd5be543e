package fr.klub.notification.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Works off the notification log, away from the event processor: claims one due PENDING row
 * at a time with a conditional UPDATE, then sends it over SMTP with its SENT mark committing
 * the moment the server accepts it ({@link Outbox#markSentOnDelivery}); on failure it
 * reschedules the row with back-off, or marks it FAILED after the last attempt, and goes on
 * with the next row. The mails of one pass share SMTP connections ({@link SmtpRelay}). Several
 * instances may run it on one database: a row is claimed by one sender only, and a claim whose
 * sender died expires after {@code claim-timeout}.
 * <p>
 * The remaining at-least-once window: if the process dies after the SMTP server has taken the
 * mail and before the server's acceptance has reached us (or the database fails the commit
 * that follows it), the claim expires and the mail is sent again. The Message-ID is derived
 * from the row's key, so the second copy carries the same Message-ID as the first.
 * <p>
 * A letter with a {@link SendingTimeSecret} (the password reset link) is logged with a mask; the
 * secret is put in here, in memory, and erased at its source in the SENT mark's transaction — so
 * a re-send from that window carries the same secret, never another one.
 */
public class MailDispatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

    private final Outbox outbox;
    private final JavaMailSenderImpl mailSender;
    private final SenderSettings settings;
    private final Clock clock;
    private final String instanceId;
    private final InternetAddress from;
    private final String messageIdDomain;
    private final Map<String, SendingTimeSecret> secrets;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile boolean running;
    private volatile boolean stopping;
    private ScheduledExecutorService executor;

    public MailDispatcher(Outbox outbox, JavaMailSenderImpl mailSender, SenderSettings settings, Clock clock,
                          String instanceId) {
        this(outbox, mailSender, settings, clock, instanceId, List.of());
    }

    public MailDispatcher(Outbox outbox, JavaMailSenderImpl mailSender, SenderSettings settings, Clock clock,
                          String instanceId, List<SendingTimeSecret> secrets) {
        this.secrets = secrets.stream().collect(Collectors.toMap(SendingTimeSecret::template, Function.identity()));
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.settings = settings;
        this.clock = clock;
        this.instanceId = instanceId;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("klub.notification.sender.from is not an e-mail address", e);
        }
        String address = from.getAddress();
        this.messageIdDomain = address.substring(address.indexOf('@') + 1);
        outbox.onEnqueued(this::wakeUp);
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        stopping = false;
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::drain, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Lets the current mail finish (SMTP waits are bounded), then stops. If it cannot finish in
     * time (database gone), the thread is interrupted: a row it had claimed is sent again after
     * its claim expires.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** New rows were committed: look at the log now rather than at the next poll. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (running && current != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                current.execute(() -> {
                    wakeUpQueued.set(false);
                    drain();
                });
            } catch (RejectedExecutionException rejected) {
                wakeUpQueued.set(false);
            }
        }
    }

    /** One pass over what is due; never throws, so the schedule keeps going whatever happens. */
    void drain() {
        try (SmtpRelay relay = new SmtpRelay(mailSender)) {
            List<Long> due;
            do {
                due = outbox.due(clock.instant(), settings.batchSize());
                for (Long id : due) {
                    if (stopping) {
                        return;
                    }
                    attempt(id, relay);
                }
            } while (due.size() == settings.batchSize() && !stopping);
        } catch (RuntimeException e) {
            LOG.warn("Notification sender pass failed, will try again: {}", e.toString());
        }
    }

    private void attempt(long id, SmtpRelay relay) {
        Instant now = clock.instant();
        String claimant = instanceId + "/" + UUID.randomUUID();
        if (!outbox.claim(id, claimant, now, now.plus(settings.claimTimeout()))) {
            return;
        }
        Optional<OutgoingMail> claimed = outbox.claimed(id, claimant);
        if (claimed.isEmpty()) {
            return;
        }
        SendingTimeSecret secret = secrets.get(claimed.get().template());
        Optional<OutgoingMail> revealed = secret == null ? claimed : reveal(claimed.get(), secret, claimant);
        if (revealed.isEmpty()) {
            return;
        }
        OutgoingMail mail = revealed.get();
        AtomicBoolean accepted = new AtomicBoolean();
        try {
            MimeMessage message = message(mail, relay);
            boolean sent = outbox.markSentOnDelivery(id, claimant, () -> {
                if (secret != null) {
                    secret.forget(mail.eventId());
                }
                relay.deliver(message);
                accepted.set(true);
            });
            if (!sent) {
                LOG.warn("Notification {} not sent: its claim expired and another sender took it", id);
            }
        } catch (MessagingException | RuntimeException e) {
            if (accepted.get()) {
                LOG.warn("Notification {} was accepted by the SMTP server but could not be marked SENT ({}); "
                        + "it will be sent again once its claim expires", id, e.getClass().getSimpleName());
            } else {
                failed(mail, claimant, e);
            }
        }
    }

    /** The mail with its secret; empty, and the row FAILED, when the secret is gone (a dead link is never sent). */
    private Optional<OutgoingMail> reveal(OutgoingMail mail, SendingTimeSecret secret, String claimant) {
        Optional<String> value = secret.reveal(mail.eventId());
        if (value.isEmpty()) {
            outbox.markFailed(mail.id(), claimant,
                    "Lien expiré ou déjà utilisé : le courriel n'est pas envoyé.");
            LOG.info("Notification {} not sent: its {} secret is no longer valid", mail.id(), mail.template());
            return Optional.empty();
        }
        return Optional.of(mail.revealing(secret.mask(), value.get()));
    }

    private void failed(OutgoingMail mail, String claimant, Exception e) {
        String error = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean permanent = e instanceof AddressException;
        if (permanent || mail.attempts() >= settings.maxAttempts()) {
            outbox.markFailed(mail.id(), claimant, error);
            LOG.warn("Notification {} FAILED after {} attempt(s): {}", mail.id(), mail.attempts(), e.getClass().getSimpleName());
        } else {
            Instant next = clock.instant().plus(settings.backoffAfter(mail.attempts()));
            outbox.reschedule(mail.id(), claimant, next, error);
            LOG.info("Notification {} attempt {} failed ({}), next attempt at {}", mail.id(), mail.attempts(),
                    e.getClass().getSimpleName(), next);
        }
    }

    private MimeMessage message(OutgoingMail mail, SmtpRelay relay) throws MessagingException {
        if (mail.recipient() == null || mail.recipient().isBlank()) {
            throw new AddressException("Aucun destinataire");
        }
        MimeMessage message = relay.newMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom(from);
        helper.setTo(InternetAddress.parse(mail.recipient(), true));
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        // Stable across re-sends of the same row: a duplicate from the at-least-once window is recognisable.
        message.setHeader("Message-ID", "<" + mail.messageKey().replaceAll("[^A-Za-z0-9._-]", "-") + "@" + messageIdDomain + ">");
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }
}
