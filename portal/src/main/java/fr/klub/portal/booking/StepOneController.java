package fr.klub.portal.booking;

import java.util.List;
import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.CommandApi;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Refusal;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Step 1, "Modifier les réservations": choose the programme, tick the children; this starts a draft demande. */
@Controller
class StepOneController {

    private final QueryApi query;
    private final CommandApi command;

    StepOneController(QueryApi query, CommandApi command) {
        this.query = query;
        this.command = command;
    }

    @GetMapping("/reservations")
    String choose(@RequestParam(name = "programme", required = false) UUID programme, Model model) {
        List<QueryApi.Programme> open = query.programmes().stream().filter(QueryApi.Programme::bookingOpen).toList();
        model.addAttribute("programmes", open);
        model.addAttribute("family", query.family());
        model.addAttribute("chosen", programme != null ? programme : open.size() == 1 ? open.get(0).programmeId() : null);
        return "etape1";
    }

    @PostMapping("/reservations")
    String start(@RequestParam(name = "programmeId", required = false) UUID programmeId,
                 @RequestParam(name = "childIds", required = false) List<UUID> childIds,
                 HttpSession session, RedirectAttributes redirect) {
        List<UUID> children = childIds == null ? List.of() : childIds;
        try {
            CommandApi.Draft draft = command.startDemande(programmeId, children);
            DraftMemory.children(session, draft.demandeId(), children);
            return "redirect:/reservations/" + draft.demandeId() + "/planning";
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("choix", refusal));
            return programmeId == null ? "redirect:/reservations#choix" : "redirect:/reservations?programme=" + programmeId + "#choix";
        }
    }
}
