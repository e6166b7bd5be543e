package fr.klub.portal.booking;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.CommandApi;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.PageFormat;
import fr.klub.portal.web.Refusal;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Step 2, the planning grid. Each click is a form post that holds, releases or queues at once and
 * comes back to the same cell (an anchor), saying what happened there.
 */
@Controller
class PlanningController {

    private final QueryApi query;
    private final CommandApi command;
    private final MessageSource messages;
    private final PageFormat fmt;

    PlanningController(QueryApi query, CommandApi command, MessageSource messages, PageFormat fmt) {
        this.query = query;
        this.command = command;
        this.messages = messages;
        this.fmt = fmt;
    }

    @GetMapping("/reservations/{demandeId}/planning")
    String planning(@PathVariable UUID demandeId, HttpSession session, Model model) {
        QueryApi.Demande demande = query.demande(demandeId);
        model.addAttribute("demande", demande);
        if (!demande.draft()) {
            return "etape2-close";
        }
        List<QueryApi.Child> children = children(demande, session);
        QueryApi.Planning planning = query.planning(demande.programmeId(),
                children.stream().map(QueryApi.Child::childId).toList());
        model.addAttribute("planning", planning);
        model.addAttribute("grids", Grid.of(planning, children,
                new Grid.Words(messages, fmt, LocaleContextHolder.getLocale())));
        boolean wishWindow = Grid.wishWindow(planning);
        model.addAttribute("wishWindow", wishWindow);
        if (wishWindow) {
            model.addAttribute("wishesCloseAt", query.programmes().stream()
                    .filter(p -> p.programmeId().equals(demande.programmeId()))
                    .map(QueryApi.Programme::wishesCloseAt).filter(Objects::nonNull).findFirst().orElse(null));
        }
        return "etape2";
    }

    /**
     * The children ticked at step 1, named by the family's read of the draft's first grid page and kept
     * for its next ones; without them (session lost), the family's children, read on every page.
     */
    private List<QueryApi.Child> children(QueryApi.Demande demande, HttpSession session) {
        List<QueryApi.Child> kept = DraftMemory.named(session, demande.demandeId());
        if (kept != null) {
            return kept;
        }
        List<UUID> ticked = DraftMemory.children(session, demande.demandeId());
        List<QueryApi.Child> family = query.family().children();
        if (ticked.isEmpty()) {
            List<UUID> booked = demande.reservations().stream().map(QueryApi.Reservation::childId).distinct().toList();
            return booked.isEmpty() ? family : family.stream().filter(c -> booked.contains(c.childId())).toList();
        }
        List<QueryApi.Child> named = family.stream().filter(c -> ticked.contains(c.childId())).toList();
        if (!named.isEmpty()) {
            DraftMemory.named(session, demande.demandeId(), named);
        }
        return named;
    }

    @PostMapping("/reservations/{demandeId}/planning/reserver")
    String hold(@PathVariable UUID demandeId, @RequestParam UUID childId, @RequestParam UUID sessionId,
                @RequestParam(defaultValue = "") String label, RedirectAttributes redirect) {
        return click(demandeId, childId, sessionId, "notice.held", label, redirect,
                () -> command.hold(demandeId, childId, sessionId));
    }

    @PostMapping("/reservations/{demandeId}/planning/liberer")
    String release(@PathVariable UUID demandeId, @RequestParam UUID childId, @RequestParam UUID sessionId,
                   @RequestParam(defaultValue = "") String label, RedirectAttributes redirect) {
        return click(demandeId, childId, sessionId, "notice.released", label, redirect,
                () -> command.release(demandeId, childId, sessionId));
    }

    /** In a lottery's wish window: a wish of the chosen rank (none chosen: after the child's other wishes). */
    @PostMapping("/reservations/{demandeId}/planning/voeu")
    String wish(@PathVariable UUID demandeId, @RequestParam UUID childId, @RequestParam UUID sessionId,
                @RequestParam(required = false) Integer rank, @RequestParam(defaultValue = "") String label,
                RedirectAttributes redirect) {
        String cell = fmt.cell(sessionId, childId);
        try {
            int kept = command.wish(demandeId, childId, sessionId, rank);
            redirect.addFlashAttribute("notice", new Notice(cell, messages.getMessage("notice.wished",
                    new Object[] {kept, label}, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(cell, refusal));
        }
        return "redirect:/reservations/" + demandeId + "/planning#" + cell;
    }

    @PostMapping("/reservations/{demandeId}/planning/retirer-voeu")
    String unwish(@PathVariable UUID demandeId, @RequestParam UUID childId, @RequestParam UUID sessionId,
                  @RequestParam(defaultValue = "") String label, RedirectAttributes redirect) {
        return click(demandeId, childId, sessionId, "notice.unwished", label, redirect,
                () -> command.release(demandeId, childId, sessionId));
    }

    @PostMapping("/reservations/{demandeId}/planning/attente")
    String queue(@PathVariable UUID demandeId, @RequestParam UUID childId, @RequestParam UUID sessionId,
                 @RequestParam(defaultValue = "") String label, RedirectAttributes redirect) {
        return click(demandeId, childId, sessionId, "notice.queued", label, redirect,
                () -> command.joinWaitlist(sessionId, childId));
    }

    private String click(UUID demandeId, UUID childId, UUID sessionId, String notice, String label,
                         RedirectAttributes redirect, Runnable call) {
        String cell = fmt.cell(sessionId, childId);
        try {
            call.run();
            redirect.addFlashAttribute("notice", new Notice(cell,
                    messages.getMessage(notice, new Object[] {label}, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(cell, refusal));
        }
        return "redirect:/reservations/" + demandeId + "/planning#" + cell;
    }
}
