package fr.klub.portal.agent.desk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

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

/**
 * The staff queue ("File des demandes"): deposited demandes oldest first, optionally of one programme,
 * and one demande with its family, sessions and history, to accept or refuse. The refusal's reason
 * is required by the API, not by the page: an empty reason comes back as the API's sentence at the field
 * (docs/decisions/portal-agent-desk.md).
 */
@Controller
class QueueController {

    static final String DECISION = "decision";

    private final DeskApi desk;
    private final MessageSource messages;

    QueueController(DeskApi desk, MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    @GetMapping("/agent/")
    String queue(@RequestParam(name = "programme", required = false) UUID programmeId, Model model) {
        List<QueryApi.Programme> programmes = desk.programmes();
        model.addAttribute("programmes", programmes);
        model.addAttribute("selected", programmeId);
        model.addAttribute("titles", titles(programmes));
        model.addAttribute("entries", desk.queue(programmeId, "DEPOSITED"));
        return "agent/file";
    }

    @GetMapping("/agent/demandes/{demandeId}")
    String demande(@PathVariable UUID demandeId, Model model) {
        DeskApi.StaffDemande demande = desk.demande(demandeId);
        model.addAttribute("demande", demande);
        model.addAttribute("programme", titles(desk.programmes()).get(demande.programmeId()));
        Optional<DeskApi.QueueEntry> entry = desk.queue(demande.programmeId(), demande.status()).stream()
                .filter(e -> e.demandeId().equals(demandeId)).findFirst();
        model.addAttribute("entry", entry.orElse(null));
        Optional<QueryApi.Family> family = entry.flatMap(this::family);
        model.addAttribute("family", family.orElse(null));
        model.addAttribute("birthDates", family.map(QueueController::birthDates).orElse(Map.of()));
        return "agent/demande";
    }

    @PostMapping("/agent/demandes/{demandeId}/accepter")
    String accept(@PathVariable UUID demandeId, RedirectAttributes redirect) {
        return decide(demandeId, "ACCEPTED", null, "desk.notice.accepted", redirect);
    }

    @PostMapping("/agent/demandes/{demandeId}/refuser")
    String refuse(@PathVariable UUID demandeId, @RequestParam(required = false) String reason,
                  RedirectAttributes redirect) {
        return decide(demandeId, "REFUSED", reason == null || reason.isBlank() ? null : reason.strip(),
                "desk.notice.refused", redirect);
    }

    private String decide(UUID demandeId, String decision, String reason, String notice, RedirectAttributes redirect) {
        try {
            desk.decide(demandeId, decision, reason);
            redirect.addFlashAttribute("notice", new Notice(DECISION,
                    messages.getMessage(notice, null, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            if (refusal.notFound()) {
                throw refusal;
            }
            redirect.addFlashAttribute("refusal", Refusal.of(DECISION, refusal));
            redirect.addFlashAttribute("reasonTyped", reason);
        }
        return "redirect:/agent/demandes/" + demandeId + "#" + DECISION;
    }

    /**
     * The queue names the family by its guardians' last names; the family search by the first of them
     * finds it (with its guardians' addresses and children's birth dates), matched by its id.
     */
    private Optional<QueryApi.Family> family(DeskApi.QueueEntry entry) {
        if (entry.familyName() == null || entry.familyName().isBlank()) {
            return Optional.empty();
        }
        String name = entry.familyName().split(" / ")[0];
        try {
            return desk.families(name).stream().filter(f -> entry.familyId().equals(f.familyId())).findFirst();
        } catch (ApiRefusal tooShort) {
            return Optional.empty();
        }
    }

    private static Map<UUID, java.time.LocalDate> birthDates(QueryApi.Family family) {
        return family.children().stream().filter(child -> child.birthDate() != null)
                .collect(Collectors.toMap(QueryApi.Child::childId, QueryApi.Child::birthDate, (a, b) -> a));
    }

    static Map<UUID, String> titles(List<QueryApi.Programme> programmes) {
        return programmes.stream().collect(Collectors.toMap(QueryApi.Programme::programmeId,
                QueryApi.Programme::title, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
