package fr.klub.notification.contacts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.notification.NotificationProcessor;

/**
 * The notification-service's own memory of the history: who to write to and what about. It is
 * a plain replayable projection: every write is idempotent, a reset clears it, and rebuilding
 * it sends nothing (the letters are written by another processing group that refuses replays).
 */
@Component
@ProcessingGroup(NotificationProcessor.CONTACTS_GROUP)
class ContactsProjection {

    private final JdbcTemplate jdbc;
    private final ContactsErasure erasure;

    ContactsProjection(JdbcTemplate jdbc, ContactsErasure erasure) {
        this.jdbc = jdbc;
        this.erasure = erasure;
    }

    @EventHandler
    void on(FamilyRegistered event) {
        writeGuardians(event.familyId(), event.guardians());
        for (Child child : event.children()) {
            upsert("UPDATE notification_child SET family_id = ?, first_name = ? WHERE child_id = ?",
                    "INSERT INTO notification_child (family_id, first_name, child_id) VALUES (?, ?, ?)",
                    event.familyId(), child.firstName(), child.childId());
        }
    }

    /** Letters go to the corrected guardians from this event on (the letters' group reads this table). */
    @EventHandler
    void on(GuardiansRectified event) {
        writeGuardians(event.familyId(), event.guardians());
    }

    @EventHandler
    void on(ChildRectified event) {
        jdbc.update("UPDATE notification_child SET first_name = ? WHERE child_id = ?", event.firstName(),
                event.childId());
    }

    /**
     * Live, the erasure's letter must be written from the contacts before they go, and the two processing groups of
     * the processor run in no promised order: the letters' group purges after writing it (ErasureMailing). A replay
     * never writes letters, so here the purge happens on replays only.
     */
    @EventHandler
    void on(FamilyErased event, ReplayStatus replay) {
        if (replay.isReplay()) {
            erasure.purge(event.familyId());
        }
    }

    private void writeGuardians(UUID familyId, List<Guardian> guardians) {
        jdbc.update("DELETE FROM notification_guardian WHERE family_id = ?", familyId);
        for (int index = 0; index < guardians.size(); index++) {
            Guardian guardian = guardians.get(index);
            jdbc.update("""
                    INSERT INTO notification_guardian (family_id, guardian_index, civility, first_name, last_name, email)
                    VALUES (?, ?, ?, ?, ?, ?)""",
                    familyId, index, guardian.civility().name(), guardian.firstName(), guardian.lastName(),
                    guardian.email());
        }
    }

    @EventHandler
    void on(DemandeCreated event) {
        upsert("UPDATE notification_demande SET family_id = ?, created_at = ?, tracking_token = ? WHERE demande_id = ?",
                "INSERT INTO notification_demande (family_id, created_at, tracking_token, demande_id) VALUES (?, ?, ?, ?)",
                event.familyId(), utc(event.createdAt()), event.trackingToken(), event.demandeId());
    }

    @EventHandler
    void on(DemandeDeposited event) {
        upsert("""
                UPDATE notification_demande SET family_id = ?, demande_number = ?, deposited_at = ?, tracking_token = ?
                WHERE demande_id = ?""",
                """
                INSERT INTO notification_demande (family_id, demande_number, deposited_at, tracking_token, demande_id)
                VALUES (?, ?, ?, ?, ?)""",
                event.familyId(), event.number(), utc(event.depositedAt()), event.trackingToken(), event.demandeId());
    }

    /** The lottery's result letter names the programme (LotteryDrawn gives only its id). */
    @EventHandler
    void on(ProgrammeCreated event) {
        upsert("UPDATE notification_programme SET title = ? WHERE programme_id = ?",
                "INSERT INTO notification_programme (title, programme_id) VALUES (?, ?)",
                event.title(), event.programmeId());
    }

    @EventHandler
    void on(SessionScheduled event) {
        upsert("UPDATE notification_session SET activity = ?, session_date = ?, period = ?, cancelled = FALSE WHERE session_id = ?",
                "INSERT INTO notification_session (activity, session_date, period, cancelled, session_id) VALUES (?, ?, ?, FALSE, ?)",
                event.activity(), event.date(), event.period().name(), event.sessionId());
    }

    @EventHandler
    void on(SessionCancelled event) {
        jdbc.update("UPDATE notification_session SET cancelled = TRUE WHERE session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(OnlinePlaceHeld event) {
        book(event.sessionId(), event.childId(), event.demandeId());
    }

    @EventHandler
    void on(OnsitePlaceBooked event) {
        book(event.sessionId(), event.childId(), null);
    }

    /** Remembered for the lapsed offer's letter: OfferLapsed does not name the family. */
    @EventHandler
    void on(PlaceOffered event) {
        upsert("UPDATE notification_offer SET family_id = ? WHERE session_id = ? AND child_id = ?",
                "INSERT INTO notification_offer (family_id, session_id, child_id) VALUES (?, ?, ?)",
                event.familyId(), event.sessionId(), event.childId());
    }

    /** An accepted offer is an online place of the new demande (no OnlinePlaceHeld): a cancellation must find it. */
    @EventHandler
    void on(OfferAccepted event) {
        book(event.sessionId(), event.childId(), event.demandeId());
    }

    @EventHandler
    void on(PlaceReleased event) {
        jdbc.update("DELETE FROM notification_booking WHERE session_id = ? AND child_id = ?",
                event.sessionId(), event.childId());
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("notification_programme", "notification_offer", "notification_booking", "notification_session",
                "notification_demande", "notification_child", "notification_guardian")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    private void book(UUID sessionId, UUID childId, UUID demandeId) {
        upsert("UPDATE notification_booking SET demande_id = ? WHERE session_id = ? AND child_id = ?",
                "INSERT INTO notification_booking (demande_id, session_id, child_id) VALUES (?, ?, ?)",
                demandeId, sessionId, childId);
    }

    /** Update, else insert: idempotent on both H2 and PostgreSQL without vendor syntax (one writer per row). */
    private void upsert(String update, String insert, Object... args) {
        if (jdbc.update(update, args) == 0) {
            jdbc.update(insert, args);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
