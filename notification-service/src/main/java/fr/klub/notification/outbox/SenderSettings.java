package fr.klub.notification.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the notification log is worked off ({@code klub.notification.sender.*}).
 *
 * @param enabled      whether this instance sends mails at all (every instance may; they never send the same row)
 * @param pollInterval how often the log is checked for due mails (new mails also wake the sender at once)
 * @param batchSize    how many due rows one pass looks at
 * @param maxAttempts  SMTP attempts before a mail is marked FAILED (staff can retry it)
 * @param firstBackoff wait after the first failed attempt; doubled after each further failure
 * @param maxBackoff   the longest wait between two attempts
 * @param claimTimeout how long a claimed row is reserved for its sender; a row whose sender died is
 *                     taken again after it. Must exceed the SMTP timeouts by far.
 * @param from         the From address of every mail
 */
@ConfigurationProperties("klub.notification.sender")
public record SenderSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("15") int maxAttempts,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("15m") Duration maxBackoff,
        @DefaultValue("5m") Duration claimTimeout,
        @DefaultValue("Ville <ne-pas-repondre@klub.localhost>") String from) {

    public SenderSettings {
        if (batchSize <= 0 || maxAttempts <= 0) {
            throw new IllegalArgumentException("klub.notification.sender.batch-size and max-attempts must be positive");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0 || claimTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("klub.notification.sender durations are inconsistent");
        }
    }

    /** Wait before the attempt that follows {@code attemptsSoFar} failed attempts: first, 2×first, 4×first … capped. */
    Duration backoffAfter(int attemptsSoFar) {
        Duration wait = firstBackoff;
        for (int i = 1; i < attemptsSoFar && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
