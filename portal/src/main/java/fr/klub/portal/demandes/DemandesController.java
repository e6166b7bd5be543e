package fr.klub.portal.demandes;

import java.util.UUID;

import fr.klub.portal.api.QueryApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "Mes demandes": the family's demandes, newest first, and one demande with its reservations and history. */
@Controller
class DemandesController {

    private final QueryApi query;

    DemandesController(QueryApi query) {
        this.query = query;
    }

    @GetMapping("/demandes")
    String list(Model model) {
        model.addAttribute("demandes", query.demandes());
        return "demandes";
    }

    @GetMapping("/demandes/{demandeId}")
    String one(@PathVariable UUID demandeId, Model model) {
        model.addAttribute("demande", query.demande(demandeId));
        return "demande";
    }
}
