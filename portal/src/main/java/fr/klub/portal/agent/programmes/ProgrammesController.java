package fr.klub.portal.agent.programmes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.klub.portal.api.AdminCommandApi;
import fr.klub.portal.api.AdminCommandApi.NewSession;
import fr.klub.portal.api.AdminQueryApi;
import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.PageFormat;
import fr.klub.portal.web.Refusal;

/**
 * "Programmes": the list and the creation (first come, first served, or lottery), one programme's
 * page with its sessions, the addition of a session, the copy of a week, and the lottery's draw.
 */
@Controller
@RequestMapping("/agent/programmes")
class ProgrammesController {

    private final AdminQueryApi query;
    private final AdminCommandApi command;
    private final MessageSource messages;
    private final PageFormat format;

    ProgrammesController(AdminQueryApi query, AdminCommandApi command, MessageSource messages, PageFormat format) {
        this.query = query;
        this.command = command;
        this.messages = messages;
        this.format = format;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("programmes", query.programmes());
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of("allocation", "FIRST_COME", "cancellationDeadlineDays", "2"));
        }
        return "agent/programmes";
    }

    @PostMapping
    String create(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            var created = command.createProgramme(ProgrammeForm.body(form));
            String notice = created.seedCommitment() == null ? text("agent.programmes.created")
                    : text("agent.programmes.created.lottery", created.seedCommitment());
            redirect.addFlashAttribute("notice", new Notice("programme", notice));
            return "redirect:/agent/programmes/" + created.programmeId();
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("creation", refusal));
            Map<String, String> values = new HashMap<>(form);
            values.remove("_csrf");
            redirect.addFlashAttribute("values", values);
            return "redirect:/agent/programmes#creation";
        }
    }

    @GetMapping("/{programmeId}")
    String programme(@PathVariable UUID programmeId, Model model, HttpServletResponse response) {
        var programme = query.programmes().stream().filter(p -> programmeId.equals(p.programmeId())).findFirst();
        if (programme.isEmpty()) {
            response.setStatus(404);
            return "introuvable";
        }
        model.addAttribute("programme", programme.get());
        model.addAttribute("sessions", query.sessions(programmeId));
        if (!model.containsAttribute("values")) {
            model.addAttribute("values", Map.of());
        }
        return "agent/programme";
    }

    @PostMapping("/{programmeId}/seances")
    String addSession(@PathVariable UUID programmeId, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        var session = new NewSession(ProgrammeForm.value(form, "activity"), ProgrammeForm.value(form, "date"),
                ProgrammeForm.value(form, "period"), ProgrammeForm.number(ProgrammeForm.value(form, "capacity")),
                ProgrammeForm.number(ProgrammeForm.value(form, "onlineQuota")));
        try {
            command.addSession(programmeId, session);
            redirect.addFlashAttribute("notice", new Notice("ajout", text("agent.programme.session.added", session.activity())));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("ajout", refusal));
            Map<String, String> values = new HashMap<>(form);
            values.remove("_csrf");
            redirect.addFlashAttribute("values", values);
        }
        return "redirect:/agent/programmes/" + programmeId + "#ajout";
    }

    /** Each session of the source week is sent on its own: the notice counts them, the first refusal is said. */
    @PostMapping("/{programmeId}/copie")
    String copyWeek(@PathVariable UUID programmeId, @RequestParam(defaultValue = "") String from,
                    @RequestParam(defaultValue = "") String to, RedirectAttributes redirect) {
        LocalDate source;
        LocalDate target;
        try {
            source = LocalDate.parse(from);
            target = LocalDate.parse(to);
        } catch (DateTimeParseException unreadable) {
            redirect.addFlashAttribute("refusal", new Refusal("copie", text("agent.programme.copy.dates"), List.of()));
            return "redirect:/agent/programmes/" + programmeId + "#copie";
        }
        List<NewSession> copies = WeekCopy.of(query.sessions(programmeId), source, target);
        int copied = 0;
        List<String> refused = new ArrayList<>();
        for (NewSession copy : copies) {
            try {
                command.addSession(programmeId, copy);
                copied++;
            } catch (ApiRefusal refusal) {
                refused.add(text("agent.programme.copy.refused", copy.activity(), format.day(LocalDate.parse(copy.date())),
                        text("period." + copy.period()), refusal.detail()));
            }
        }
        String weeks = text("agent.programme.copy.weeks", format.day(WeekCopy.monday(source)), format.day(WeekCopy.monday(target)));
        if (copies.isEmpty()) {
            redirect.addFlashAttribute("refusal", new Refusal("copie", text("agent.programme.copy.empty", weeks), List.of()));
        } else if (refused.isEmpty()) {
            redirect.addFlashAttribute("notice", new Notice("copie", text("agent.programme.copy.done", copied, weeks)));
        } else {
            redirect.addFlashAttribute("refusal", new Refusal("copie",
                    text("agent.programme.copy.partial", copied, copies.size(), weeks) + " " + String.join(" ", refused), List.of()));
        }
        return "redirect:/agent/programmes/" + programmeId + "#copie";
    }

    @PostMapping("/{programmeId}/tirage")
    String draw(@PathVariable UUID programmeId, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("draw", command.draw(programmeId));
            redirect.addFlashAttribute("notice", new Notice("tirage", text("agent.programme.draw.done")));
        } catch (ApiRefusal refusal) {
            redirect.addFlashAttribute("refusal", Refusal.of("tirage", refusal));
        }
        return "redirect:/agent/programmes/" + programmeId + "#tirage";
    }

    private String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }
}
