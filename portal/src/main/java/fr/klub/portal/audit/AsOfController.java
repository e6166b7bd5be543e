package fr.klub.portal.audit;

import java.time.Instant;
import java.util.UUID;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.AuditApi;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "État à une date": a session or a demande as it stood at an instant, folded from the history by the
 * query-service (never a read model). The instant is typed in the town's time, to the second; blank
 * means now.
 */
@Controller
class AsOfController {

    private static final String SESSION = "seance";
    private static final String DEMANDE = "demande";

    private final AuditApi audit;
    private final MessageSource messages;

    AsOfController(AuditApi audit, MessageSource messages) {
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/audit/instant")
    String asOf(@RequestParam(defaultValue = SESSION) String objet, @RequestParam(defaultValue = "") String id,
                @RequestParam(defaultValue = "") String instant, Model model) {
        String kind = DEMANDE.equals(objet) ? DEMANDE : SESSION;
        FieldErrors errors = new FieldErrors();
        model.addAttribute("errors", errors);
        model.addAttribute("form", new Form(kind, id, instant));
        if (id.isBlank() && instant.isBlank()) {
            return "audit/instant";
        }
        UUID aggregate = uuid(id, errors);
        Instant when = instant(instant, errors);
        // an instant read from the text fallback is shown back as the date-time field writes it
        model.addAttribute("form", new Form(kind, id, when == null ? instant : AuditInstant.fieldValue(when)));
        if (errors.any()) {
            return "audit/instant";
        }
        Instant asOf = when == null ? Instant.now() : when;
        try {
            if (SESSION.equals(kind)) {
                model.addAttribute("seance", audit.session(aggregate, asOf));
            } else {
                model.addAttribute("demande", audit.demande(aggregate, asOf));
            }
            model.addAttribute("asOf", asOf);
        } catch (ApiRefusal refusal) {
            // an id that did not exist yet at that instant is a 404 whose sentence says so: at the id
            errors.add(refusal.errors().stream().anyMatch(e -> "asOf".equals(e.field())) ? "instant" : "id", refusal.detail());
        }
        return "audit/instant";
    }

    private UUID uuid(String typed, FieldErrors errors) {
        try {
            // UUID.fromString also reads shortened groups: only the canonical form is an id
            UUID id = UUID.fromString(typed.strip());
            if (id.toString().equalsIgnoreCase(typed.strip())) {
                return id;
            }
        } catch (IllegalArgumentException notAnId) {
            // said below
        }
        errors.add("id", text(typed.isBlank() ? "audit.error.id.missing" : "audit.error.id.shape"));
        return null;
    }

    private Instant instant(String typed, FieldErrors errors) {
        try {
            return AuditInstant.parse(typed).orElse(null);
        } catch (AuditInstant.Invalid invalid) {
            errors.add("instant", text("audit.error.instant"));
            return null;
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    /** What the auditor typed, shown back in the form. */
    public record Form(String objet, String id, String instant) {
        public boolean session() {
            return SESSION.equals(objet);
        }
    }
}
