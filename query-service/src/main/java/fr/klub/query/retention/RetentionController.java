package fr.klub.query.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.web.ApiProblem;
import fr.klub.query.projection.Sql;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The retention rule's dry run (product.md §11): which families the command-service's job erases, and when. It
 * reads the very table the job decides from ({@code family_activity}, written with the events by the command side),
 * read-only, so that the list is what the job will do (docs/decisions/privacy-rights.md).
 */
@RestController
@Tag(name = "Données personnelles")
class RetentionController {

    static final int MAX_DAYS = 3660;
    static final int LIMIT = 1000;

    record DueFamily(UUID familyId, Instant lastReservationAt, Instant erasureDueAt) {
    }

    record RetentionList(Period period, Instant asOf, Instant until, List<DueFamily> families) {
    }

    private final JdbcTemplate jdbc;
    private final Period period;
    private final Clock clock;

    RetentionController(JdbcTemplate jdbc, @Value("${klub.retention.period:P3Y}") Period period,
                        ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.period = period;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/staff/retention")
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Families due for automatic erasure (no reservation for klub.retention.period), now or within"
            + " the next `days` days (default 30), soonest first, at most 1000")
    RetentionList due(@RequestParam(defaultValue = "30") int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw ApiProblem.invalidField("days", "« days » doit être compris entre 0 et " + MAX_DAYS + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = now.plus(days, ChronoUnit.DAYS);
        Instant lastBefore = until.atZone(ZoneOffset.UTC).minus(period).toInstant();
        List<DueFamily> families = jdbc.query("""
                SELECT family_id, last_reservation_at FROM family_activity WHERE last_reservation_at < ?
                 ORDER BY last_reservation_at, family_id FETCH FIRST %d ROWS ONLY""".formatted(LIMIT),
                (row, n) -> {
                    Instant last = Sql.instant(row, "last_reservation_at");
                    return new DueFamily(Sql.uuid(row, "family_id"), last,
                            last.atZone(ZoneOffset.UTC).plus(period).toInstant());
                }, Sql.timestamp(lastBefore));
        return new RetentionList(period, now, until, families);
    }
}
