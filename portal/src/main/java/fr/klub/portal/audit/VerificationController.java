package fr.klub.portal.audit;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.AuditApi;
import fr.klub.portal.web.Refusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Vérification": runs the verification replay (a POST: it costs a full read of the history) and shows
 * its report on the page that follows, each violation with its rule in words (product.md §4, §9, §10).
 */
@Controller
class VerificationController {

    static final String TARGET = "verification";

    private final AuditApi audit;

    VerificationController(AuditApi audit) {
        this.audit = audit;
    }

    @GetMapping("/audit/verification")
    String page(Model model) {
        return "audit/verification";
    }

    @PostMapping("/audit/verification")
    String verify(RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("report", audit.verify());
        } catch (ApiRefusal refusal) {
            // 409 VERIFICATION_RUNNING: another auditor's replay is under way
            redirect.addFlashAttribute("refusal", Refusal.of(TARGET, refusal));
        }
        return "redirect:/audit/verification#resultat";
    }
}
