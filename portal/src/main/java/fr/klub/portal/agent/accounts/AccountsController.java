package fr.klub.portal.agent.accounts;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.klub.portal.api.AdminCommandApi;
import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;

/**
 * "Comptes": a new staff or auditor login. api.md offers the creation only (no list of
 * accounts), so the page says so instead of showing a list it cannot have.
 */
@Controller
@RequestMapping("/agent/comptes")
class AccountsController {

    private final AdminCommandApi command;
    private final MessageSource messages;

    AccountsController(AdminCommandApi command, MessageSource messages) {
        this.command = command;
        this.messages = messages;
    }

    @GetMapping
    String accounts(Model model) {
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of("role", "STAFF"));
        }
        return "agent/comptes";
    }

    @PostMapping
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        try {
            command.createAccount(username.strip(), password, role.isBlank() ? null : role);
            String roleName = messages.getMessage("agent.accounts.role." + role, null, role, LocaleContextHolder.getLocale());
            redirect.addFlashAttribute("notice", new Notice("compte", messages.getMessage("agent.accounts.created",
                    new Object[] {username.strip(), roleName}, LocaleContextHolder.getLocale())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("compte", refusal));
            redirect.addFlashAttribute("values", Map.of("username", username, "role", role));
        }
        return "redirect:/agent/comptes#compte";
    }
}
