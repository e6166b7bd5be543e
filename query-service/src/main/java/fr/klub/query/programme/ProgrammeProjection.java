package fr.klub.query.programme;

import java.time.Clock;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.platform.axon.ProjectionWriter;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.projection.Sql;
import fr.klub.platform.axon.Write;

/** The programmes parents can book, with their dates, ages and booking window. */
@Component
@ProcessingGroup(ReadModels.PROGRAMMES)
class ProgrammeProjection {

    private static final Write UPSERT = Write.upsert("q_programme", 1,
            "programme_id UUID", "title VARCHAR(200)", "first_day DATE", "last_day DATE", "min_age INT",
            "max_age INT", "booking_opens_at TIMESTAMP WITH TIME ZONE", "booking_closes_at TIMESTAMP WITH TIME ZONE",
            "cancellation_deadline_days INT", "time_zone VARCHAR(64)");

    private static final Write UPSERT_LOTTERY = Write.upsert("q_programme_lottery", 1,
            "programme_id UUID", "wishes_close_at TIMESTAMP WITH TIME ZONE");

    private final JdbcTemplate jdbc;
    private final ProjectionWriter writer;
    private final Clock clock;

    @Autowired
    ProgrammeProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
        this(jdbc, transactionManager, clock.getIfAvailable(Clock::systemUTC));
    }

    ProgrammeProjection(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.writer = new ProjectionWriter(ReadModels.PROGRAMMES, jdbc, transactionManager);
        this.clock = clock;
    }

    @EventHandler
    void on(ProgrammeCreated event) {
        writer.write(UPSERT, event.programmeId(), event.title(), event.firstDay(), event.lastDay(), event.minAge(),
                event.maxAge(), Sql.timestamp(event.bookingOpensAt()), Sql.timestamp(event.bookingClosesAt()),
                event.cancellationDeadlineDays(), event.timeZone());
    }

    @EventHandler
    void on(LotteryAnnounced event) {
        writer.write(UPSERT_LOTTERY, event.programmeId(), Sql.timestamp(event.wishesCloseAt()));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM q_programme_lottery");
        jdbc.update("DELETE FROM q_programme");
    }

    @QueryHandler
    List<ProgrammeView> handle(FindProgrammes query) {
        var now = clock.instant();
        return jdbc.query("SELECT p.*, l.wishes_close_at FROM q_programme p"
                + " LEFT JOIN q_programme_lottery l ON l.programme_id = p.programme_id"
                + " ORDER BY p.first_day DESC, p.title, p.programme_id", (row, n) -> {
            var opensAt = Sql.instant(row, "booking_opens_at");
            var closesAt = Sql.instant(row, "booking_closes_at");
            var wishesCloseAt = Sql.instant(row, "wishes_close_at");
            return new ProgrammeView(Sql.uuid(row, "programme_id"), row.getString("title"),
                    Sql.date(row, "first_day"), Sql.date(row, "last_day"), row.getInt("min_age"), row.getInt("max_age"),
                    opensAt, closesAt, !now.isBefore(opensAt) && now.isBefore(closesAt),
                    row.getInt("cancellation_deadline_days"), wishesCloseAt == null ? "FIRST_COME" : "LOTTERY",
                    wishesCloseAt);
        });
    }
}
