package fr.klub.portal.agent.families;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import fr.klub.portal.api.AdminCommandApi;
import fr.klub.portal.api.AdminQueryApi;
import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.PageFormat;
import fr.klub.portal.web.Refusal;

/**
 * "Familles": the search by name, the registration of a family with its first login, one family's
 * page (guardians, children, rectification, export) and its erasure after a confirmation step that
 * names the family. The API has no read of one family by id: a family's page finds it again with
 * the search word its links carry ({@code ?q=}).
 */
@Controller
@RequestMapping("/agent/familles")
class FamiliesController {

    private final AdminQueryApi query;
    private final AdminCommandApi command;
    private final MessageSource messages;
    private final PageFormat format;

    FamiliesController(AdminQueryApi query, AdminCommandApi command, MessageSource messages, PageFormat format) {
        this.query = query;
        this.command = command;
        this.messages = messages;
        this.format = format;
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("guardianRows", FamilyForm.GUARDIAN_ROWS);
        model.addAttribute("childRows", FamilyForm.CHILD_ROWS);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        if (q != null) {
            try {
                model.addAttribute("families", query.searchFamilies(q));
            } catch (ApiRefusal refusal) {
                model.addAttribute("searchError", refusal.errors().isEmpty() ? refusal.detail() : refusal.errors().get(0).message());
            }
        }
        return "agent/familles";
    }

    @PostMapping
    String register(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            var registered = command.registerFamily(FamilyForm.registration(form));
            redirect.addFlashAttribute("notice", new Notice("famille", text("agent.families.registered")));
            return "redirect:" + familyPath(registered.familyId(), form.getOrDefault("guardians[0].lastName", ""));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", FamilyForm.atLoginFields(Refusal.of("inscription", refusal)));
            redirect.addFlashAttribute("values", FamilyForm.shownAgain(form));
            return "redirect:/agent/familles#inscription";
        }
    }

    @GetMapping("/{familyId}")
    String family(@PathVariable UUID familyId, @RequestParam(defaultValue = "") String q,
                  @RequestParam(required = false) String export, Model model,
                  HttpServletResponse response) {
        Optional<QueryApi.Family> found = find(familyId, q);
        if (found.isEmpty()) {
            return notFound(q, model, response);
        }
        QueryApi.Family family = found.get();
        model.addAttribute("family", family);
        model.addAttribute("familyName", FamilyName.of(family));
        model.addAttribute("q", q);
        model.addAttribute("exportMissing", export != null);
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", FamilyForm.of(family));
        }
        return "agent/famille";
    }

    @PostMapping("/{familyId}/rectification")
    String rectify(@PathVariable UUID familyId, @RequestParam Map<String, String> form,
                   @RequestParam(defaultValue = "0") int guardianCount, @RequestParam(defaultValue = "0") int childCount,
                   RedirectAttributes redirect) {
        String q = form.getOrDefault("q", "");
        try {
            command.rectifyFamily(familyId, FamilyForm.rectification(form, guardianCount, childCount));
            redirect.addFlashAttribute("notice", new Notice("rectification", text("agent.families.rectified")));
            // the guardian's name may have changed: the family is found again by its new one
            q = form.getOrDefault("guardians[0].lastName", q);
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("rectification", refusal));
            redirect.addFlashAttribute("values", FamilyForm.shownAgain(form));
        }
        return "redirect:" + familyPath(familyId, q) + "#rectification";
    }

    @GetMapping("/{familyId}/donnees.json")
    ResponseEntity<byte[]> export(@PathVariable UUID familyId, @RequestParam(defaultValue = "") String q) {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"famille-" + familyId + ".json\"")
                    .body(query.familyExport(familyId));
        } catch (ApiRefusal notThere) {
            URI back = UriComponentsBuilder.fromPath(familyPath(familyId, q)).queryParam("export", "indisponible")
                    .fragment("export").build().encode().toUri();
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(back).build();
        }
    }

    @GetMapping("/{familyId}/effacement")
    String confirmErasure(@PathVariable UUID familyId, @RequestParam(defaultValue = "") String q, Model model,
                          HttpServletResponse response) {
        Optional<QueryApi.Family> found = find(familyId, q);
        if (found.isEmpty()) {
            return notFound(q, model, response);
        }
        model.addAttribute("family", found.get());
        model.addAttribute("familyName", FamilyName.of(found.get()));
        model.addAttribute("q", q);
        return "agent/famille-effacement";
    }

    @PostMapping("/{familyId}/effacement")
    String erase(@PathVariable UUID familyId, @RequestParam(defaultValue = "") String reason,
                 @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String familyName,
                 RedirectAttributes redirect) {
        try {
            var erased = command.eraseFamily(familyId, reason);
            redirect.addFlashAttribute("notice", new Notice("recherche", messages.getMessage("agent.families.erased",
                    new Object[] {familyName, format.moment(erased.erasedAt())}, LocaleContextHolder.getLocale())));
            return "redirect:/agent/familles";
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("effacement", refusal));
            redirect.addFlashAttribute("reason", reason);
            return "redirect:" + UriComponentsBuilder.fromPath("/agent/familles/{id}/effacement").queryParam("q", q)
                    .buildAndExpand(familyId).encode().toUriString();
        }
    }

    /** The family among those its search word finds; none when the word is missing or no longer matches. */
    private Optional<QueryApi.Family> find(UUID familyId, String q) {
        if (q.strip().length() < 2) {
            return Optional.empty();
        }
        return query.searchFamilies(q).stream().filter(f -> familyId.equals(f.familyId())).findFirst();
    }

    private String notFound(String q, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("q", q);
        return "agent/famille-introuvable";
    }

    static String familyPath(UUID familyId, String q) {
        return UriComponentsBuilder.fromPath("/agent/familles/{id}").queryParam("q", q).buildAndExpand(familyId)
                .encode().toUriString();
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
