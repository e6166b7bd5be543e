package fr.klub.notification.contacts;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets an erased family in the notification-service's read model: its guardians (names, addresses), its
 * children's first names, its demandes and waiting-list offers. Bookings stay (a session's cancellation still
 * knows a place was taken); a later letter about the family can only record that it is unknown.
 */
@Component
public class ContactsErasure {

    private final JdbcTemplate jdbc;

    ContactsErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void purge(UUID familyId) {
        for (String table : List.of("notification_guardian", "notification_child", "notification_demande",
                "notification_offer")) {
            jdbc.update("DELETE FROM " + table + " WHERE family_id = ?", familyId);
        }
    }
}
