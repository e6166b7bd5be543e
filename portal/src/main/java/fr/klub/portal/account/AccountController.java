package fr.klub.portal.account;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.CommandApi;
import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Mon compte": the guardians' details as the town holds them (the family corrects them), the password change, the download
 * of everything held about the family. The rules (password policy, current password) are the API's.
 */
@Controller
class AccountController {

    private static final List<String> GUARDIAN_FIELDS = List.of("civility", "firstName", "lastName", "email");
    private static final int MAX_GUARDIANS = 4;

    private final QueryApi query;
    private final CommandApi command;
    private final MessageSource messages;

    AccountController(QueryApi query, CommandApi command, MessageSource messages) {
        this.query = query;
        this.command = command;
        this.messages = messages;
    }

    @GetMapping("/compte")
    String account(@RequestParam(name = "export", required = false) String export, Model model) {
        model.addAttribute("family", query.family());
        model.addAttribute("exportMissing", export != null);
        return "compte";
    }

    /** The guardians' details, sent back as a whole: blank fields go as they are, for the API to name them. */
    @PostMapping("/compte/responsables")
    String rectifyGuardians(@RequestParam Map<String, String> form, @RequestParam(defaultValue = "0") int count,
                            RedirectAttributes redirect) {
        List<Map<String, String>> guardians = new ArrayList<>();
        for (int i = 0; i < Math.min(count, MAX_GUARDIANS); i++) {
            Map<String, String> guardian = new LinkedHashMap<>();
            for (String field : GUARDIAN_FIELDS) {
                guardian.put(field, form.getOrDefault("guardians[" + i + "]." + field, ""));
            }
            guardians.add(guardian);
        }
        try {
            command.rectifyGuardians(guardians);
            redirect.addFlashAttribute("notice", new Notice("responsables",
                    messages.getMessage("notice.guardians", null, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("responsables", refusal));
            redirect.addFlashAttribute("typed", form);
        }
        return "redirect:/compte#responsables";
    }

    @PostMapping("/compte/mot-de-passe")
    String changePassword(@RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword, RedirectAttributes redirect) {
        try {
            command.changePassword(currentPassword, newPassword);
            redirect.addFlashAttribute("notice", new Notice("mot-de-passe",
                    messages.getMessage("notice.password", null, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("mot-de-passe", refusal));
        }
        return "redirect:/compte#mot-de-passe";
    }

    @GetMapping("/compte/donnees.json")
    ResponseEntity<byte[]> export() {
        try {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mes-donnees-klub.json\"")
                    .body(query.familyExport());
        } catch (ApiRefusal notThere) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/compte?export=indisponible")).build();
        }
    }
}
