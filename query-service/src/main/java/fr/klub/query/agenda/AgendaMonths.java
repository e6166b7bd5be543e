package fr.klub.query.agenda;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import fr.klub.query.projection.Sql;

/**
 * Which months of the agenda read model hold a place of the family's children, so that the whole
 * agenda is read month by month through {@link FindAgenda} — its rules (what is PENDING, CONFIRMED
 * or not shown) stay in one query. A month with only drafts' holds is listed and comes back empty.
 */
@Component
class AgendaMonths {

    private final JdbcTemplate jdbc;

    AgendaMonths(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<YearMonth> handle(FindAgendaMonths query) {
        List<LocalDate> dates = jdbc.query("""
                SELECT DISTINCT s.session_date
                  FROM q_family_child c
                  JOIN q_agenda_place p ON p.child_id = c.child_id
                  JOIN q_agenda_session s ON s.session_id = p.session_id
                 WHERE c.family_id = ?
                """, (row, n) -> Sql.date(row, "session_date"), query.familyId());
        return dates.stream().map(YearMonth::from).distinct().sorted().toList();
    }
}
