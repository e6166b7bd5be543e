package fr.klub.portal.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.AuditApi;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Historique": the events in history order, filtered by time, type, stream and actor, one page at a
 * time (the API's cursor), each with who caused it, when, its correlation id and its payload.
 * A GET form: a filtered view is an address an auditor can keep or send.
 */
@Controller
class HistoryController {

    static final List<Integer> PAGE_SIZES = List.of(20, 50, 100, 500);
    private static final Map<String, String> API_FIELDS = Map.of("from", "du", "to", "au", "type", "type",
            "aggregateId", "flux", "actor", "auteur", "limit", "nombre", "after", "apres");

    private final AuditApi audit;
    private final MessageSource messages;

    HistoryController(AuditApi audit, MessageSource messages) {
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping({"/audit", "/audit/"})
    String history(@RequestParam(defaultValue = "") String du, @RequestParam(defaultValue = "") String au,
                   @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String flux,
                   @RequestParam(defaultValue = "") String auteur, @RequestParam(defaultValue = "-1") String apres,
                   @RequestParam(defaultValue = "20") String nombre, Model model) {
        FieldErrors errors = new FieldErrors();
        Instant from = instant(du, "du", errors);
        Instant to = instant(au, "au", errors);
        long after = number(apres, -1, "apres", errors);
        int limit = (int) number(nombre, 20, "nombre", errors);
        // an instant read from the text fallback is shown back as the date-time field writes it
        model.addAttribute("form", new Form(from == null ? du : AuditInstant.fieldValue(from),
                to == null ? au : AuditInstant.fieldValue(to), type, flux, auteur, limit));
        model.addAttribute("pageSizes", PAGE_SIZES);
        model.addAttribute("errors", errors);
        model.addAttribute("firstPage", after < 0);
        if (!errors.any()) {
            try {
                AuditApi.HistoryPage page = audit.events(new AuditApi.HistoryFilter(from, to, type.strip(), flux.strip(),
                        auteur.strip()), after, limit);
                model.addAttribute("page", page);
                model.addAttribute("nextUrl", page.next() == null ? null
                        : ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("apres", page.next())
                        .build().toUriString());
            } catch (ApiRefusal refusal) {
                errors.place(refusal, API_FIELDS);
            }
        }
        return "audit/historique";
    }

    private Instant instant(String typed, String field, FieldErrors errors) {
        try {
            return AuditInstant.parse(typed).orElse(null);
        } catch (AuditInstant.Invalid invalid) {
            errors.add(field, text("audit.error.instant"));
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private long number(String typed, long otherwise, String field, FieldErrors errors) {
        if (typed == null || typed.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(typed.strip());
        } catch (NumberFormatException notANumber) {
            errors.add(field, text("audit.error.number"));
            return otherwise;
        }
    }

    /** What the auditor typed, shown back in the form. */
    public record Form(String du, String au, String type, String flux, String auteur, int nombre) {
        public boolean filtered() {
            return !(du.isBlank() && au.isBlank() && type.isBlank() && flux.isBlank() && auteur.isBlank());
        }
    }
}
