package fr.klub.portal.agenda;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import java.net.URI;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
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
    String month(@RequestParam(name = "mois", required = false) String mois,
                 @RequestParam(name = "calendrier", required = false) String calendar, Model model) {
        model.addAttribute("calendarMissing", calendar != null);
        YearMonth month = parse(mois);
        model.addAttribute("month", month);
        model.addAttribute("previous", month.minusMonths(1));
        model.addAttribute("next", month.plusMonths(1));
        model.addAttribute("agenda", query.agenda(month.toString()));
        return "agenda";
    }

    /** The download, passed through with the parent's token: the query-service's endpoint needs it. */
    @GetMapping("/agenda.ics")
    ResponseEntity<byte[]> download() {
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.valueOf("text/calendar;charset=UTF-8"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"agenda-klub.ics\"")
                    .body(query.agendaIcs());
        } catch (ApiRefusal notThere) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/agenda?calendrier=indisponible")).build();
        }
    }

    /** "S'abonner": a private address for a calendar application, shown once on the agenda page. */
    @PostMapping("/agenda/abonnement")
    String subscribe(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("feedUrl", query.calendarFeed());
        } catch (ApiRefusal notThere) {
            redirect.addFlashAttribute("refusal", Refusal.of("abonnement", notThere));
        }
        return "redirect:/agenda#abonnement";
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
