package fr.klub.portal.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.AuditApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Tirages au sort": the lottery programmes, found in the history (their {@code LotteryAnnounced}
 * events: auditors read no programme list), and for one of them the draw's proof as the query-service
 * recomputes it from the history (commitment, seed, order of families, allocation, "reproduit").
 */
@Controller
class DrawsController {

    /** A history scan is bounded per request (klub.audit.scan-budget): follow at most this many pages. */
    private static final int MAX_PAGES = 20;
    private static final String LOTTERY_ANNOUNCED = "fr.klub.domain.programme.LotteryAnnounced";

    private final AuditApi audit;

    DrawsController(AuditApi audit) {
        this.audit = audit;
    }

    @GetMapping("/audit/tirages")
    String draws(@RequestParam(required = false) String programme, Model model) {
        try {
            model.addAttribute("lotteries", lotteries());
        } catch (ApiRefusal refusal) {
            model.addAttribute("lotteries", List.of());
            model.addAttribute("lotteriesRefused", refusal.detail());
        }
        if (programme == null || programme.isBlank()) {
            return "audit/tirages";
        }
        UUID programmeId;
        try {
            programmeId = UUID.fromString(programme.strip());
        } catch (IllegalArgumentException notAnId) {
            model.addAttribute("proofMissing", "");
            return "audit/tirages";
        }
        model.addAttribute("programmeId", programmeId);
        try {
            model.addAttribute("proof", audit.draw(programmeId));
        } catch (ApiRefusal refusal) {
            // 409: drawn later; 404: no draw to prove (not a lottery, not drawn, or a service without the proof yet)
            model.addAttribute(refusal.status() == 409 ? "proofLater" : "proofMissing", refusal.detail());
        }
        return "audit/tirages";
    }

    private List<Lottery> lotteries() {
        Map<String, Lottery> found = new LinkedHashMap<>();
        // the payload's full type: the history filter takes it as stored, whether or not the replay decodes it
        AuditApi.HistoryFilter announced = new AuditApi.HistoryFilter(null, null, LOTTERY_ANNOUNCED, null, null);
        long after = -1;
        for (int page = 0; page < MAX_PAGES; page++) {
            AuditApi.HistoryPage events = audit.events(announced, after, 1000);
            for (AuditApi.Event event : events.events()) {
                found.putIfAbsent(event.aggregateId(), describe(event));
            }
            if (events.next() == null) {
                break;
            }
            after = events.next();
        }
        return new ArrayList<>(found.values());
    }

    /** The programme's title and whether it was drawn, from its own stream. */
    private Lottery describe(AuditApi.Event announcement) {
        String title = null;
        Instant drawnAt = null;
        AuditApi.HistoryFilter stream = new AuditApi.HistoryFilter(null, null, null, announcement.aggregateId(), null);
        for (AuditApi.Event event : audit.events(stream, -1, 100).events()) {
            if ("ProgrammeCreated".equals(event.type())) {
                title = text(event.payload(), "title");
            } else if ("LotteryDrawn".equals(event.type())) {
                // the draw's own instant (business time, as wishesCloseAt), else when it was stored
                Instant recorded = instant(text(event.payload(), "drawnAt"));
                drawnAt = recorded != null ? recorded : event.timestamp();
            }
        }
        JsonNode payload = announcement.payload();
        return new Lottery(announcement.aggregateId(), title, text(payload, "seedCommitment"),
                instant(text(payload, "wishesCloseAt")), drawnAt);
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload == null ? null : payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.DateTimeException notAnInstant) {
            return null;
        }
    }

    /** One lottery programme as the history tells it. */
    public record Lottery(String programmeId, String title, String seedCommitment, Instant wishesCloseAt,
                          Instant drawnAt) {
    }
}
