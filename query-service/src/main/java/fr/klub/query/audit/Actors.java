package fr.klub.query.audit;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
/**
 * Events record the actor's account id. An auditor usually knows the login instead, so the
 * {@code actor} filter also accepts a username, looked up in the shared {@code account} table.
 * Actors that are not accounts ({@code system}, {@code demo-loader}) are matched as written.
 */
@Component
class Actors {

    private static final String SYSTEM = "system";

    private final JdbcClient jdbc;

    Actors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The value to match against the events' {@code actor} metadata; null when no filter was asked. */
    String resolve(String actor) {
        if (actor == null || actor.isBlank()) {
            return null;
        }
        String wanted = actor.strip();
        if (SYSTEM.equals(wanted) || isUuid(wanted)) {
            return wanted;
        }
        List<UUID> ids = jdbc.sql("SELECT id FROM account WHERE username = ?")
                .param(wanted.toLowerCase(Locale.ROOT))
                .query(UUID.class)
                .list();
        return ids.isEmpty() ? wanted : ids.get(0).toString();
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }
}
