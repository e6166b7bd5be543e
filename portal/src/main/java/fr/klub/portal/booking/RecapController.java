package fr.klub.portal.booking;

import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.CommandApi;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Step 3, the recap ("Réservation de séances"), its three buttons, and the confirmation after Valider. */
@Controller
class RecapController {

    private final QueryApi query;
    private final CommandApi command;
    private final MessageSource messages;

    RecapController(QueryApi query, CommandApi command, MessageSource messages) {
        this.query = query;
        this.command = command;
        this.messages = messages;
    }

    @GetMapping("/reservations/{demandeId}/recapitulatif")
    String recap(@PathVariable UUID demandeId, Model model) {
        QueryApi.Demande demande = query.demande(demandeId);
        model.addAttribute("demande", demande);
        return demande.draft() ? "etape3" : "etape2-close";
    }

    @PostMapping("/reservations/{demandeId}/valider")
    String deposit(@PathVariable UUID demandeId, HttpSession session, RedirectAttributes redirect) {
        try {
            CommandApi.Deposit deposit = command.deposit(demandeId);
            DraftMemory.trackingToken(session, demandeId, deposit.trackingToken());
            return "redirect:/reservations/" + demandeId + "/confirmation";
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("valider", refusal));
            return "redirect:/reservations/" + demandeId + "/recapitulatif#actions";
        }
    }

    @PostMapping("/reservations/{demandeId}/annuler")
    String cancel(@PathVariable UUID demandeId, RedirectAttributes redirect) {
        try {
            command.cancel(demandeId);
            redirect.addFlashAttribute("notice", new Notice("accueil",
                    messages.getMessage("notice.cancelled", null, LocaleContextHolder.getLocale())));
            return "redirect:/";
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("annuler", refusal));
            return "redirect:/reservations/" + demandeId + "/recapitulatif#actions";
        }
    }

    @GetMapping("/reservations/{demandeId}/confirmation")
    String confirmation(@PathVariable UUID demandeId, HttpSession session, Model model) {
        model.addAttribute("demande", query.demande(demandeId));
        model.addAttribute("trackingToken", DraftMemory.trackingToken(session, demandeId));
        return "confirmation";
    }
}
