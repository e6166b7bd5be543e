package fr.klub.portal.agent.mails;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.NotificationApi;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;

/**
 * "Courriels": the e-mails that failed, those waiting to be sent, the last ones sent (the
 * notification-service's log), and "Réessayer" on a failed one.
 */
@Controller
@RequestMapping("/agent/courriels")
class MailsController {

    private static final int LISTED = 100;
    private static final int LAST_SENT = 20;

    private final NotificationApi notifications;
    private final MessageSource messages;

    MailsController(NotificationApi notifications, MessageSource messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    @GetMapping
    String mails(Model model) {
        model.addAttribute("failed", notifications.mails("FAILED", LISTED));
        model.addAttribute("pending", notifications.mails("PENDING", LISTED));
        model.addAttribute("sent", notifications.mails("SENT", LAST_SENT));
        return "agent/courriels";
    }

    @PostMapping("/{id}/reessai")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        String target = "courriel-" + id;
        try {
            notifications.retry(id);
            redirect.addFlashAttribute("notice", new Notice("en-attente",
                    messages.getMessage("agent.mails.retried", null, LocaleContextHolder.getLocale())));
            return "redirect:/agent/courriels#en-attente";
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of(target, refusal));
            return "redirect:/agent/courriels#" + target;
        }
    }
}
