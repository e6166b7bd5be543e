package fr.klub.portal.agent.desk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Séances": a programme's sessions with their places, and one session's desk — roster, waiting list
 * (remove with a reason), on-site booking of a child found by name, quota, cancellation. Each form
 * posts one staff command and comes back to the session, at the part it acted on.
 */
@Controller
class SessionsController {

    static final String ONSITE = "sur-place";
    static final String QUOTA = "quota";
    static final String CANCEL = "annulation";
    static final String SEARCH = "recherche";
    static final String WAITLIST = "attente";

    private final DeskApi desk;
    private final MessageSource messages;

    SessionsController(DeskApi desk, MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    @GetMapping("/agent/seances")
    String sessions(@RequestParam(name = "programme", required = false) UUID programmeId, Model model) {
        List<QueryApi.Programme> programmes = desk.programmes();
        UUID shown = programmeId != null ? programmeId
                : programmes.stream().findFirst().map(QueryApi.Programme::programmeId).orElse(null);
        model.addAttribute("programmes", programmes);
        model.addAttribute("selected", shown);
        if (shown != null) {
            QueryApi.Planning planning = desk.planning(shown);
            model.addAttribute("planning", planning);
            model.addAttribute("rows", rows(planning));
        }
        return "agent/seances";
    }

    @GetMapping("/agent/seances/{sessionId}")
    String session(@PathVariable UUID sessionId, @RequestParam(name = "recherche", required = false) String search,
                   Model model) {
        DeskApi.Roster roster = desk.session(sessionId);
        model.addAttribute("roster", roster);
        model.addAttribute("programme", QueueController.titles(desk.programmes()).get(roster.programmeId()));
        if (search != null && !search.isBlank()) {
            model.addAttribute("search", search.strip());
            try {
                model.addAttribute("found", candidates(desk.families(search.strip())));
            } catch (ApiRefusal refusal) {
                if (!model.containsAttribute("refusal")) {
                    model.addAttribute("refusal", Refusal.of(SEARCH, refusal));
                }
            }
        }
        return "agent/seance";
    }

    @PostMapping("/agent/seances/{sessionId}/sur-place")
    String bookOnsite(@PathVariable UUID sessionId, @RequestParam UUID childId,
                      @RequestParam(name = "recherche", required = false) String search, RedirectAttributes redirect) {
        act(ONSITE, "desk.notice.onsiteBooked", redirect, () -> desk.bookOnsite(sessionId, childId));
        return back(sessionId, search, ONSITE);
    }

    @PostMapping("/agent/seances/{sessionId}/sur-place/annuler")
    String cancelOnsite(@PathVariable UUID sessionId, @RequestParam UUID childId, RedirectAttributes redirect) {
        act("inscrits", "desk.notice.onsiteCancelled", redirect, () -> desk.cancelOnsite(sessionId, childId));
        return back(sessionId, null, "inscrits");
    }

    @PostMapping("/agent/seances/{sessionId}/attente/retirer")
    String removeFromWaitlist(@PathVariable UUID sessionId, @RequestParam UUID childId,
                              @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        String entry = "attente-" + childId;
        try {
            desk.removeFromWaitlist(sessionId, childId, blankToNull(reason));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(entry, refusal));
            return back(sessionId, null, entry);
        }
        // the entry's row is gone: the list itself says it
        redirect.addFlashAttribute("notice", new Notice(WAITLIST,
                messages.getMessage("desk.notice.waitlistRemoved", null, LocaleContextHolder.getLocale())));
        return back(sessionId, null, WAITLIST);
    }

    @PostMapping("/agent/seances/{sessionId}/quota")
    String changeQuota(@PathVariable UUID sessionId, @RequestParam(required = false) String capacity,
                       @RequestParam(required = false) String onlineQuota, RedirectAttributes redirect) {
        if (!act(QUOTA, "desk.notice.quotaChanged", redirect,
                () -> desk.changeQuota(sessionId, number(capacity), number(onlineQuota)))) {
            redirect.addFlashAttribute("typed", Map.of("capacity", String.valueOf(capacity),
                    "onlineQuota", String.valueOf(onlineQuota)));
        }
        return back(sessionId, null, QUOTA);
    }

    @PostMapping("/agent/seances/{sessionId}/annuler")
    String cancel(@PathVariable UUID sessionId, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        act(CANCEL, "desk.notice.sessionCancelled", redirect, () -> desk.cancelSession(sessionId, blankToNull(reason)));
        return back(sessionId, null, CANCEL);
    }

    /** Runs one command; says what it did, or the API's refusal, at {@code target}. True when it succeeded. */
    private boolean act(String target, String notice, RedirectAttributes redirect, Runnable command) {
        try {
            command.run();
            redirect.addFlashAttribute("notice", new Notice(target,
                    messages.getMessage(notice, null, LocaleContextHolder.getLocale())));
            return true;
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(target, refusal));
            return false;
        }
    }

    private static String back(UUID sessionId, String search, String anchor) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/agent/seances/{id}");
        if (search != null && !search.isBlank()) {
            uri.queryParam("recherche", search.strip());
        }
        return "redirect:" + uri.fragment(anchor).encode().buildAndExpand(sessionId).toUriString();
    }

    /** A number as typed; what is not one goes to the API as missing, and its sentence says so. */
    private static Integer number(String typed) {
        try {
            return typed == null ? null : Integer.valueOf(typed.strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Every child of the families found, with the family's name, to pick the one at the desk. */
    private static List<Candidate> candidates(List<QueryApi.Family> families) {
        List<Candidate> children = new ArrayList<>();
        for (QueryApi.Family family : families) {
            String guardians = String.join(", ", family.guardians().stream()
                    .map(g -> g.firstName() + " " + g.lastName()).toList());
            family.children().forEach(child -> children.add(new Candidate(child.childId(), child.firstName(),
                    child.lastName(), child.birthDate(), guardians)));
        }
        return children;
    }

    private static List<SessionRow> rows(QueryApi.Planning planning) {
        List<SessionRow> rows = new ArrayList<>();
        if (planning.days() == null) {
            return rows;
        }
        for (QueryApi.Day day : planning.days()) {
            for (QueryApi.PeriodCell cell : day.periods() == null ? List.<QueryApi.PeriodCell>of() : day.periods()) {
                for (QueryApi.Session s : cell.sessions() == null ? List.<QueryApi.Session>of() : cell.sessions()) {
                    rows.add(new SessionRow(s.sessionId(), day.date(), cell.period(), s.activity(),
                            s.onlinePlacesLeft(), s.full(), s.waitlistLength() == null ? 0 : s.waitlistLength()));
                }
            }
        }
        return rows;
    }

    /** A child the desk may book on site. */
    public record Candidate(UUID childId, String firstName, String lastName, LocalDate birthDate, String guardians) {
    }

    /** One session in the programme's list. */
    public record SessionRow(UUID sessionId, LocalDate date, String period, String activity, int onlinePlacesLeft,
                      boolean full, int waitlistLength) {
    }
}
