package fr.klub.query.export;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.query.projection.Sql;

/**
 * The e-mails the notification-service logged for the family. The one place where the query-service reads a table
 * of another service: the mail's text exists only there (the letters are written from its own templates), and a copy
 * kept from events could not say what was sent. Read-only, by family; see docs/decisions/privacy-rights.md.
 */
@Component
class SentMails implements ExportPart {

    record Mail(String letter, String status, String recipient, String subject, String text,
                java.time.Instant loggedAt, java.time.Instant sentAt) {
    }

    private final JdbcTemplate jdbc;

    SentMails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "mails";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public List<Mail> of(UUID familyId) {
        return jdbc.query("""
                SELECT template, status, recipient, subject, body_text, created_at, sent_at
                  FROM notification WHERE family_id = ? ORDER BY id""",
                (row, n) -> new Mail(row.getString("template"), row.getString("status"), row.getString("recipient"),
                        row.getString("subject"), row.getString("body_text"), Sql.instant(row, "created_at"),
                        Sql.instant(row, "sent_at")), familyId);
    }
}
