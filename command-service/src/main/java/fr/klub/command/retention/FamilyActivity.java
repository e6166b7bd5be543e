package fr.klub.command.retention;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.session.OnsitePlaceBooked;

/**
 * When each family last reserved (table {@code family_activity}, V105): its registration, then every demande it
 * starts (an accepted waiting-list offer starts one too) and every on-site booking of one of its children. Written by
 * a subscribing handler, in the transaction that appends the event, so the retention job reads it as of the last
 * committed command, never a lagging copy (docs/decisions/privacy-rights.md).
 */
@Component
@ProcessingGroup(FamilyActivity.PROCESSING_GROUP)
public class FamilyActivity {

    static final String PROCESSING_GROUP = "command-family-activity";

    private final JdbcTemplate jdbc;
    private final ChildDirectory directory;

    FamilyActivity(JdbcTemplate jdbc, ChildDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @EventHandler
    void on(FamilyRegistered event, @Timestamp Instant at) {
        touch(event.familyId(), at);
    }

    @EventHandler
    void on(DemandeCreated event, @Timestamp Instant at) {
        touch(event.familyId(), at);
    }

    @EventHandler
    void on(OnsitePlaceBooked event, @Timestamp Instant at) {
        directory.familyOf(event.childId()).ifPresent(family -> touch(family, at));
    }

    /** An erased family has nothing left to erase: it leaves the list. */
    @EventHandler
    void on(FamilyErased event) {
        jdbc.update("DELETE FROM family_activity WHERE family_id = ?", event.familyId());
    }

    /** Whether the family is registered and not erased (a row from its registration until its erasure). */
    public boolean isKept(UUID familyId) {
        Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM family_activity WHERE family_id = ?", Integer.class,
                familyId);
        return rows != null && rows > 0;
    }

    /** Families whose last reservation is before {@code before}, oldest first. */
    List<UUID> inactiveSince(Instant before, int limit) {
        return jdbc.queryForList("SELECT family_id FROM family_activity WHERE last_reservation_at < ?"
                + " ORDER BY last_reservation_at, family_id FETCH FIRST " + limit + " ROWS ONLY", UUID.class, utc(before));
    }

    private void touch(UUID familyId, Instant at) {
        if (jdbc.update("UPDATE family_activity SET last_reservation_at = ? WHERE family_id = ?", utc(at), familyId) == 0) {
            jdbc.update("INSERT INTO family_activity (family_id, last_reservation_at) VALUES (?, ?)", familyId, utc(at));
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
