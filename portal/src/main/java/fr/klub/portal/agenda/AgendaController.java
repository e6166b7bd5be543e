package fr.klub.portal.agenda;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import fr.klub.portal.api.QueryApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Mon agenda" for one month, from the query-service's agenda. The iCalendar download and the
 * subscription address are the query-service's (api.md); this page only links to them.
 */
@Controller
class AgendaController {

    private final QueryApi query;

    AgendaController(QueryApi query) {
        this.query = query;
    }

    @GetMapping("/agenda")
    String month(@RequestParam(name = "mois", required = false) String mois, Model model) {
        YearMonth month = parse(mois);
        model.addAttribute("month", month);
        model.addAttribute("previous", month.minusMonths(1));
        model.addAttribute("next", month.plusMonths(1));
        model.addAttribute("agenda", query.agenda(month.toString()));
        return "agenda";
    }

    /** No month, or one that is not {@code yyyy-MM}: the current month (a bad address is not an error worth a page). */
    private static YearMonth parse(String mois) {
        try {
            return mois == null ? YearMonth.now() : YearMonth.parse(mois);
        } catch (DateTimeParseException notAMonth) {
            return YearMonth.now();
        }
    }
}
