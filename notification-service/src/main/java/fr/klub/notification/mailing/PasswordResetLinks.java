package fr.klub.notification.mailing;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.SendingTimeSecret;

/**
 * The password reset link, read from the identity-service's {@code password_reset} row (whose id
 * is the log row's event id) at sending time only, and erased there once the mail is accepted.
 * The log keeps {@link LetterWriter#RESET_LINK_MASK} instead.
 */
@Component
class PasswordResetLinks implements SendingTimeSecret {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String linkPattern;

    PasswordResetLinks(JdbcTemplate jdbc, Clock clock,
                       @Value("${klub.mail.password-reset-link:http://localhost:8084/mot-de-passe/nouveau?jeton={token}}")
                       String linkPattern) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.linkPattern = linkPattern;
    }

    @Override
    public String template() {
        return LetterKind.PASSWORD_RESET.name();
    }

    @Override
    public String mask() {
        return LetterWriter.RESET_LINK_MASK;
    }

    /** Only a link still unused and unexpired: a mail delayed past the 30 minutes is not sent at all. */
    @Override
    public Optional<String> reveal(String eventId) {
        return jdbc.query("""
                SELECT link_token FROM password_reset
                WHERE id = ? AND link_token IS NOT NULL AND used_at IS NULL AND expires_at > ?""",
                (rs, row) -> rs.getString("link_token"), id(eventId), now())
                .stream().findFirst()
                .map(token -> linkPattern.replace("{token}", UriUtils.encodeQueryParam(token, "UTF-8")));
    }

    @Override
    public void forget(String eventId) {
        jdbc.update("UPDATE password_reset SET link_token = NULL WHERE id = ?", id(eventId));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static UUID id(String eventId) {
        return UUID.fromString(eventId);
    }
}
