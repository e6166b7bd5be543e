package fr.klub.query.demande;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.web.ApiProblem;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * Demandes as parents and staff read them: the family's list, one demande with its reservations
 * and status history, the public tracking view and the staff queue.
 * <p>
 * A refused, cancelled or expired demande keeps the reservations it asked for (the parent sees
 * what was refused); a reservation withdrawn later (family cancellation, cancelled session)
 * leaves the demande. Session details come from the sessions' streams and children's names from
 * the families read model, joined when read.
 */
@Component
@ProcessingGroup(ReadModels.DEMANDES)
class DemandeProjection {

    private static final Write UPSERT_DEMANDE = Write.upsert("q_demande", 1,
            "demande_id UUID", "family_id UUID", "programme_id UUID", "status VARCHAR(16)",
            "tracking_token VARCHAR(100)", "created_at TIMESTAMP WITH TIME ZONE",
            "expires_at TIMESTAMP WITH TIME ZONE");
    private static final Write UPSERT_CHILD = Write.upsert("q_demande_child", 2,
            "demande_id UUID", "position INT", "child_id UUID");
    private static final Write UPSERT_RESERVATION = Write.upsert("q_demande_reservation", 3,
            "demande_id UUID", "child_id UUID", "session_id UUID", "added_seq BIGINT");
    private static final Write UPSERT_HISTORY = Write.upsert("q_demande_history", 2,
            "demande_id UUID", "status VARCHAR(16)", "entered_at TIMESTAMP WITH TIME ZONE");
    private static final Write UPSERT_SESSION = Write.upsert("q_demande_session", 1,
            "session_id UUID", "activity VARCHAR(200)", "session_date DATE", "period VARCHAR(16)");
    private static final Write DELETE_RESERVATION = Write.delete("q_demande_reservation",
            "demande_id", "child_id", "session_id");
    private static final Write DEPOSIT = Write.update("q_demande",
            "status = ?, number = ?, deposited_at = ?, expires_at = NULL", "demande_id");
    private static final Write ACCEPT = Write.update("q_demande", "status = ?, decided_at = ?", "demande_id");
    private static final Write REFUSE = Write.update("q_demande", "status = ?, decided_at = ?, refusal_reason = ?",
            "demande_id");
    private static final Write ERASE_REASON = Write.update("q_demande",
            "refusal_reason = CASE WHEN refusal_reason IS NULL THEN NULL ELSE '[effacé]' END", "demande_id");
    private static final Write CLOSE = Write.update("q_demande", "status = ?, expires_at = NULL", "demande_id");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final ProjectionWriter writer;

    DemandeProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.writer = new ProjectionWriter(ReadModels.DEMANDES, jdbc, transactionManager);
    }

    @EventHandler
    void on(DemandeCreated event) {
        writer.write(UPSERT_DEMANDE, event.demandeId(), event.familyId(), event.programmeId(),
                DemandeStatus.DRAFT.name(), event.trackingToken(), Sql.timestamp(event.createdAt()),
                Sql.timestamp(event.expiresAt()));
        for (int position = 0; position < event.childIds().size(); position++) {
            writer.write(UPSERT_CHILD, event.demandeId(), position, event.childIds().get(position));
        }
        history(event.demandeId(), DemandeStatus.DRAFT, event.createdAt());
    }

    @EventHandler
    void on(ReservationAdded event, @SequenceNumber long sequence) {
        writer.write(UPSERT_RESERVATION, event.demandeId(), event.childId(), event.sessionId(), sequence);
    }

    @EventHandler
    void on(ReservationRemoved event) {
        writer.write(DELETE_RESERVATION, event.demandeId(), event.childId(), event.sessionId());
    }

    @EventHandler
    void on(ReservationWithdrawn event) {
        writer.write(DELETE_RESERVATION, event.demandeId(), event.childId(), event.sessionId());
    }

    @EventHandler
    void on(DemandeDeposited event) {
        writer.write(DEPOSIT, DemandeStatus.DEPOSITED.name(), event.number(), Sql.timestamp(event.depositedAt()),
                event.demandeId());
        history(event.demandeId(), DemandeStatus.DEPOSITED, event.depositedAt());
    }

    @EventHandler
    void on(DemandeAccepted event) {
        writer.write(ACCEPT, DemandeStatus.ACCEPTED.name(), Sql.timestamp(event.decidedAt()), event.demandeId());
        history(event.demandeId(), DemandeStatus.ACCEPTED, event.decidedAt());
    }

    @EventHandler
    void on(DemandeRefused event) {
        writer.write(REFUSE, DemandeStatus.REFUSED.name(), Sql.timestamp(event.decidedAt()), event.reason(),
                event.demandeId());
        history(event.demandeId(), DemandeStatus.REFUSED, event.decidedAt());
    }

    @EventHandler
    void on(DemandeCancelled event, @Timestamp Instant at) {
        close(event.demandeId(), DemandeStatus.CANCELLED, at);
    }

    @EventHandler
    void on(DemandeExpired event, @Timestamp Instant at) {
        close(event.demandeId(), DemandeStatus.EXPIRED, at);
    }

    /**
     * A refusal's reason is free text about the family: it goes with the family's data. The family's demandes are
     * read from the table, so a demande refused in the same batch as the erasure keeps its reason here until the
     * next rebuild, which reads it erased from the history (docs/decisions/privacy-rights.md).
     */
    @EventHandler
    void on(FamilyErased event) {
        for (UUID demandeId : jdbc.queryForList("SELECT demande_id FROM q_demande WHERE family_id = ?", UUID.class,
                event.familyId())) {
            writer.write(ERASE_REASON, demandeId);
        }
    }

    @EventHandler
    void on(SessionScheduled event) {
        writer.write(UPSERT_SESSION, event.sessionId(), event.activity(), event.date(), event.period().name());
    }

    private void close(UUID demandeId, DemandeStatus status, Instant at) {
        writer.write(CLOSE, status.name(), demandeId);
        history(demandeId, status, at);
    }

    private void history(UUID demandeId, DemandeStatus status, Instant at) {
        writer.write(UPSERT_HISTORY, demandeId, status.name(), Sql.timestamp(at));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_demande_history");
        jdbc.update("DELETE FROM q_demande_reservation");
        jdbc.update("DELETE FROM q_demande_child");
        jdbc.update("DELETE FROM q_demande_session");
        jdbc.update("DELETE FROM q_demande");
    }

    @QueryHandler
    List<DemandeSummary> handle(FindFamilyDemandes query) {
        return jdbc.query("""
                SELECT d.*, p.title,
                       (SELECT COUNT(*) FROM q_demande_reservation r WHERE r.demande_id = d.demande_id) AS reservations
                  FROM q_demande d LEFT JOIN q_programme p ON p.programme_id = d.programme_id
                 WHERE d.family_id = ?
                 ORDER BY d.created_at DESC, d.demande_id
                """, (row, n) -> new DemandeSummary(Sql.uuid(row, "demande_id"), Sql.nullableLong(row, "number"),
                DemandeStatus.valueOf(row.getString("status")), Sql.uuid(row, "programme_id"), row.getString("title"),
                Sql.instant(row, "created_at"), Sql.instant(row, "deposited_at"), Sql.instant(row, "decided_at"),
                row.getInt("reservations")), query.familyId());
    }

    /**
     * One demande; another family's demande does not exist for a parent. Called by the controller itself,
     * not through Axon's query bus (the portal reads it on every grid page: the bus cost more than the read).
     */
    DemandeDetail handle(FindDemande query) {
        DemandeRow demande = jdbc.query("SELECT * FROM q_demande WHERE demande_id = ?", DemandeRow::read,
                        query.demandeId()).stream()
                .filter(row -> query.familyId() == null || row.familyId().equals(query.familyId()))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Demande inconnue."));
        List<DemandeReservation> reservations = jdbc.query("""
                SELECT r.child_id, c.first_name, r.session_id, s.activity, s.session_date, s.period
                  FROM q_demande_reservation r
                  LEFT JOIN q_family_child c ON c.child_id = r.child_id
                  LEFT JOIN q_demande_session s ON s.session_id = r.session_id
                 WHERE r.demande_id = ?
                 ORDER BY r.added_seq
                """, (row, n) -> new DemandeReservation(Sql.uuid(row, "child_id"), row.getString("first_name"),
                Sql.uuid(row, "session_id"), row.getString("activity"), Sql.date(row, "session_date"),
                row.getString("period") == null ? null : Period.valueOf(row.getString("period"))),
                query.demandeId());
        List<StatusChange> history = jdbc.query(
                        "SELECT status, entered_at FROM q_demande_history WHERE demande_id = ?",
                        (row, n) -> new StatusChange(DemandeStatus.valueOf(row.getString("status")),
                                Sql.instant(row, "entered_at")), query.demandeId()).stream()
                .sorted(Comparator.comparing(StatusChange::at).thenComparing(StatusChange::status))
                .toList();
        return new DemandeDetail(demande.demandeId(), demande.number(), demande.status(), demande.programmeId(),
                demande.familyId(), Stream.concat(reservations.stream(),
                        DemandeWishProjection.wishesOf(jdbc, demande.demandeId(), demande.programmeId()).stream()).toList(),
                demande.createdAt(), demande.expiresAt(), demande.depositedAt(),
                demande.decidedAt(), demande.refusalReason(), history);
    }

    @QueryHandler
    Tracking handle(FindTracking query) {
        return jdbc.query("SELECT * FROM q_demande WHERE tracking_token = ?", DemandeRow::read, query.token())
                .stream().findFirst()
                .map(row -> new Tracking(row.number(), row.status(), row.depositedAt(), row.decidedAt()))
                .orElseThrow(() -> ApiProblem.notFound("Aucune demande ne correspond à ce lien de suivi."));
    }

    /** Oldest first: by deposit time (creation time for demandes never deposited), then number. */
    @QueryHandler
    List<QueueEntry> handle(FindStaffQueue query) {
        MapSqlParameterSource params = new MapSqlParameterSource("status", query.status().name())
                .addValue("programme", query.programmeId())
                .addValue("limit", query.limit());
        List<DemandeRow> demandes = named.query("SELECT * FROM q_demande WHERE status = :status"
                + (query.programmeId() == null ? "" : " AND programme_id = :programme")
                + " ORDER BY COALESCE(deposited_at, created_at), number, demande_id FETCH FIRST :limit ROWS ONLY",
                params, DemandeRow::read);
        if (demandes.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = demandes.stream().map(DemandeRow::demandeId).toList();
        MapSqlParameterSource idParams = new MapSqlParameterSource("ids", ids);
        Map<UUID, List<QueueEntry.QueueChild>> children = new LinkedHashMap<>();
        named.query("""
                SELECT dc.demande_id, dc.child_id, c.first_name, c.last_name
                  FROM q_demande_child dc LEFT JOIN q_family_child c ON c.child_id = dc.child_id
                 WHERE dc.demande_id IN (:ids)
                 ORDER BY dc.demande_id, dc.position
                """, idParams, row -> {
                    children.computeIfAbsent(Sql.uuid(row, "demande_id"), id -> new ArrayList<>())
                            .add(new QueueEntry.QueueChild(Sql.uuid(row, "child_id"), row.getString("first_name"),
                                    row.getString("last_name")));
                });
        Map<UUID, Integer> reservationCounts = new LinkedHashMap<>();
        named.query("SELECT demande_id, COUNT(*) AS n FROM q_demande_reservation WHERE demande_id IN (:ids)"
                + " GROUP BY demande_id", idParams, row -> {
                    reservationCounts.put(Sql.uuid(row, "demande_id"), row.getInt("n"));
                });
        Map<UUID, List<String>> guardianNames = new LinkedHashMap<>();
        named.query("""
                SELECT g.family_id, g.last_name FROM q_family_guardian g
                 WHERE g.family_id IN (SELECT family_id FROM q_demande WHERE demande_id IN (:ids))
                 ORDER BY g.family_id, g.position
                """, idParams, row -> {
                    guardianNames.computeIfAbsent(Sql.uuid(row, "family_id"), id -> new ArrayList<>())
                            .add(row.getString("last_name"));
                });
        return demandes.stream()
                .map(demande -> new QueueEntry(demande.demandeId(), demande.number(), demande.status(),
                        demande.programmeId(), demande.depositedAt(), demande.familyId(),
                        familyName(guardianNames.get(demande.familyId())),
                        children.getOrDefault(demande.demandeId(), List.of()),
                        reservationCounts.getOrDefault(demande.demandeId(), 0)))
                .toList();
    }

    /** The guardians' last names ("TEST", or "MARTIN / DURAND" for separated parents). */
    private static String familyName(List<String> lastNames) {
        return lastNames == null ? null : lastNames.stream().distinct().collect(Collectors.joining(" / "));
    }
}
