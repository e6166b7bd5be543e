package fr.klub.portal.waitlist;

import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.CommandApi;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.booking.DraftMemory;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.PageFormat;
import fr.klub.portal.web.Refusal;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The family's waiting-list positions and offers, with Accepter / Refuser / leave the queue. */
@Controller
class WaitlistController {

    private final QueryApi query;
    private final CommandApi command;
    private final MessageSource messages;
    private final PageFormat fmt;

    WaitlistController(QueryApi query, CommandApi command, MessageSource messages, PageFormat fmt) {
        this.query = query;
        this.command = command;
        this.messages = messages;
        this.fmt = fmt;
    }

    @GetMapping("/liste-attente")
    String list(Model model) {
        try {
            model.addAttribute("waitlist", query.waitlist());
        } catch (ApiRefusal notOffered) {
            // a query-service without waiting lists (api.md §9 not deployed yet) answers 404: say so in words
            model.addAttribute("unavailable", notOffered.notFound() ? null : notOffered.detail());
            model.addAttribute("missing", notOffered.notFound());
        }
        return "liste-attente";
    }

    /** Accepting deposits a demande with the place: the parent lands on its confirmation (number, "Déposée"). */
    @PostMapping("/liste-attente/accepter")
    String accept(@RequestParam UUID sessionId, @RequestParam UUID childId, HttpSession session,
                  RedirectAttributes redirect) {
        try {
            CommandApi.Deposit deposit = command.acceptOffer(sessionId, childId);
            DraftMemory.trackingToken(session, deposit.demandeId(), deposit.trackingToken());
            redirect.addFlashAttribute("notice", new Notice(null,
                    messages.getMessage("notice.accepted", null, LocaleContextHolder.getLocale())));
            return "redirect:/reservations/" + deposit.demandeId() + "/confirmation";
        } catch (ApiRefusal refusal) {
            String entry = fmt.cell(sessionId, childId);
            redirect.addFlashAttribute("refusal", Refusal.of(entry, refusal));
            return "redirect:/liste-attente#" + entry;
        }
    }

    @PostMapping("/liste-attente/refuser")
    String decline(@RequestParam UUID sessionId, @RequestParam UUID childId, RedirectAttributes redirect) {
        return act(sessionId, childId, "notice.declined", redirect, () -> command.declineOffer(sessionId, childId));
    }

    @PostMapping("/liste-attente/quitter")
    String leave(@RequestParam UUID sessionId, @RequestParam UUID childId, RedirectAttributes redirect) {
        return act(sessionId, childId, "notice.left", redirect, () -> command.leaveWaitlist(sessionId, childId));
    }

    private String act(UUID sessionId, UUID childId, String notice, RedirectAttributes redirect, Runnable call) {
        String entry = fmt.cell(sessionId, childId);
        try {
            call.run();
            redirect.addFlashAttribute("notice", new Notice(entry,
                    messages.getMessage(notice, null, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(entry, refusal));
        }
        return "redirect:/liste-attente#" + entry;
    }
}
