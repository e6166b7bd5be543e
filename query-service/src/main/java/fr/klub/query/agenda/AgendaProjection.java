package fr.klub.query.agenda;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/**
 * "Mon agenda": per family and month, each child's booked sessions. A place is PENDING while its
 * demande is deposited and CONFIRMED once accepted (or at once when staff booked it on site);
 * drafts are not shown, and a released place (refused, cancelled, expired, withdrawn, session
 * cancelled) disappears with its PlaceReleased event.
 */
@Component
@ProcessingGroup(ReadModels.AGENDA)
class AgendaProjection {

    private static final Write UPSERT_SESSION = Write.upsert("q_agenda_session", 1,
            "session_id UUID", "activity VARCHAR(200)", "session_date DATE", "period VARCHAR(16)");
    private static final Write UPSERT_PLACE = Write.upsert("q_agenda_place", 2,
            "session_id UUID", "child_id UUID", "channel VARCHAR(8)", "demande_id UUID");
    private static final Write UPSERT_DEMANDE = Write.upsert("q_agenda_demande", 1,
            "demande_id UUID", "status VARCHAR(16)");
    private static final Write DELETE_PLACE = Write.delete("q_agenda_place", "session_id", "child_id");
    private static final Comparator<AgendaEntry> ORDER = Comparator.comparing(AgendaEntry::date)
            .thenComparing(AgendaEntry::period)
            .thenComparing(AgendaEntry::childFirstName, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(AgendaEntry::activity)
            .thenComparing(AgendaEntry::childId)
            .thenComparing(AgendaEntry::sessionId);

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;

    AgendaProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.writer = new ProjectionWriter(ReadModels.AGENDA, jdbc, transactionManager);
    }

    @EventHandler
    void on(SessionScheduled event) {
        writer.write(UPSERT_SESSION, event.sessionId(), event.activity(), event.date(), event.period().name());
    }

    @EventHandler
    void on(OnlinePlaceHeld event) {
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONLINE.name(), event.demandeId());
    }

    /** An accepted offer is an online place of the demande deposited with it (no OnlinePlaceHeld). */
    @EventHandler
    void on(OfferAccepted event) {
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONLINE.name(), event.demandeId());
    }

    @EventHandler
    void on(OnsitePlaceBooked event) {
        writer.write(UPSERT_PLACE, event.sessionId(), event.childId(), Channel.ONSITE.name(), null);
    }

    @EventHandler
    void on(PlaceReleased event) {
        writer.write(DELETE_PLACE, event.sessionId(), event.childId());
    }

    @EventHandler
    void on(DemandeCreated event) {
        status(event.demandeId(), DemandeStatus.DRAFT);
    }

    @EventHandler
    void on(DemandeDeposited event) {
        status(event.demandeId(), DemandeStatus.DEPOSITED);
    }

    @EventHandler
    void on(DemandeAccepted event) {
        status(event.demandeId(), DemandeStatus.ACCEPTED);
    }

    @EventHandler
    void on(DemandeRefused event) {
        status(event.demandeId(), DemandeStatus.REFUSED);
    }

    @EventHandler
    void on(DemandeCancelled event) {
        status(event.demandeId(), DemandeStatus.CANCELLED);
    }

    @EventHandler
    void on(DemandeExpired event) {
        status(event.demandeId(), DemandeStatus.EXPIRED);
    }

    private void status(UUID demandeId, DemandeStatus status) {
        writer.write(UPSERT_DEMANDE, demandeId, status.name());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_agenda_place");
        jdbc.update("DELETE FROM q_agenda_session");
        jdbc.update("DELETE FROM q_agenda_demande");
    }

    @QueryHandler
    Agenda handle(FindAgenda query) {
        YearMonth month = query.month();
        List<AgendaEntry> entries = jdbc.query("""
                SELECT s.session_date, s.period, s.activity, s.session_id, p.child_id, c.first_name,
                       p.channel, d.status
                  FROM q_family_child c
                  JOIN q_agenda_place p ON p.child_id = c.child_id
                  JOIN q_agenda_session s ON s.session_id = p.session_id
                  LEFT JOIN q_agenda_demande d ON d.demande_id = p.demande_id
                 WHERE c.family_id = ? AND s.session_date >= ? AND s.session_date < ?
                """, (row, n) -> {
                    AgendaStatus status = AgendaStatus.of(Channel.valueOf(row.getString("channel")),
                            row.getString("status"));
                    return status == null ? null : new AgendaEntry(Sql.date(row, "session_date"),
                            Period.valueOf(row.getString("period")), row.getString("activity"),
                            Sql.uuid(row, "session_id"), Sql.uuid(row, "child_id"), row.getString("first_name"),
                            status);
                }, query.familyId(), month.atDay(1), month.plusMonths(1).atDay(1));
        return new Agenda(month, entries.stream().filter(Objects::nonNull).sorted(ORDER).toList());
    }
}
