package fr.klub.query.audit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.openapi.ProblemResponses;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.audit.history.EventStoreHistory;
import fr.klub.query.audit.history.HistoryPage;
import fr.klub.query.audit.history.HistoryQuery;
import fr.klub.query.audit.history.Ndjson;
import fr.klub.query.audit.replay.DomainEvents;
import fr.klub.query.audit.replay.DrawProof;
import fr.klub.query.audit.replay.VerificationReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** The auditors' window on the history (api.md, Query service, "Auditors"). Read-only, role AUDITOR only. */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasRole('AUDITOR')")
@Tag(name = "Audit", description = "Historique des événements, état à une date, export et vérification (auditeurs)")
class AuditController {

    private static final int DEFAULT_LIMIT = 100;

    private final DataSource dataSource;
    private final EventStoreHistory history;
    private final TimeTravel timeTravel;
    private final LiveVerification verification;
    private final Actors actors;
    private final AuditProperties properties;
    private final DrawAudit draws;

    AuditController(DataSource dataSource, EventStoreHistory history, TimeTravel timeTravel,
                    LiveVerification verification, Actors actors, AuditProperties properties, DrawAudit draws) {
        this.dataSource = dataSource;
        this.history = history;
        this.timeTravel = timeTravel;
        this.verification = verification;
        this.actors = actors;
        this.properties = properties;
        this.draws = draws;
    }

    @GetMapping("/events")
    @Operation(summary = "L'historique dans l'ordre global, par pages ; 'next' est le curseur de la page suivante")
    HistoryPage events(@RequestParam(required = false) Long after,
                       @RequestParam(required = false) Integer limit,
                       @RequestParam(required = false) String aggregateId,
                       @RequestParam(required = false) String type,
                       @RequestParam(required = false) String actor,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to) throws SQLException {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > HistoryQuery.MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "Le paramètre « limit » doit être compris entre 1 et " + HistoryQuery.MAX_LIMIT + ".");
        }
        if (after != null && after < -1) {
            throw ApiProblem.invalidField("after", "Le paramètre « after » doit être une position de l'historique (≥ -1).");
        }
        Instant since = Instants.parse(from, "from");
        Instant until = Instants.parse(to, "to");
        if (since != null && until != null && until.isBefore(since)) {
            throw ApiProblem.invalidField("to", "L'instant « to » précède l'instant « from ».");
        }
        HistoryQuery query = new HistoryQuery(after == null ? -1 : after, size, blankToNull(aggregateId),
                payloadType(type), actors.resolve(actor), since, until);
        try (Connection connection = dataSource.getConnection()) {
            return history.page(connection, query);
        }
    }

    @GetMapping("/sessions/{sessionId}")
    @Operation(summary = "Une séance telle qu'elle était à l'instant asOf (maintenant par défaut)")
    SessionAsOf session(@PathVariable UUID sessionId, @RequestParam(required = false) String asOf)
            throws SQLException {
        return timeTravel.session(sessionId, instantOrNow(asOf));
    }

    @GetMapping("/demandes/{demandeId}")
    @Operation(summary = "Une demande telle qu'elle était à l'instant asOf (maintenant par défaut)")
    DemandeAsOf demande(@PathVariable UUID demandeId, @RequestParam(required = false) String asOf)
            throws SQLException {
        return timeTravel.demande(demandeId, instantOrNow(asOf));
    }

    /**
     * Written synchronously to the response, page by page: memory stays constant whatever the
     * history's size, and no asynchronous request timeout can cut a long export short.
     */
    @GetMapping(value = "/export", produces = Ndjson.MEDIA_TYPE)
    @Operation(summary = "Tout l'historique en NDJSON, un événement par ligne, dans l'ordre")
    void export(HttpServletResponse response) throws SQLException, IOException {
        response.setContentType(Ndjson.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"klub-history.ndjson\"");
        try (Connection connection = dataSource.getConnection()) {
            long head = history.settledHead(connection);
            OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024);
            history.forEach(connection, -1, head, properties.pageSize(), event -> Ndjson.write(event, out));
            out.flush();
        }
    }

    @PostMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rejoue l'historique depuis le premier événement et vérifie les règles ; compare aux vues en direct")
    VerificationReport verify() throws SQLException {
        return verification.verify();
    }

    @GetMapping("/programmes/{programmeId}/draw")
    @Operation(summary = "Le tirage au sort du programme recalculé depuis l'historique : engagement, graine révélée,"
            + " ordre des familles et attribution, et s'ils concordent avec le tirage enregistré")
    @ApiResponse(responseCode = "200", description = "Le tirage recalculé : commitmentMatches, reproduced.")
    @ApiResponse(responseCode = "409", description = DrawAudit.NOT_DRAWN + " : le tirage n'a pas encore eu lieu.",
            content = @Content(mediaType = ProblemResponses.PROBLEM_JSON,
                    schema = @Schema(ref = ProblemResponses.PROBLEM_SCHEMA)))
    DrawProof draw(@PathVariable UUID programmeId) throws SQLException {
        return draws.proofOf(programmeId);
    }

    private static Instant instantOrNow(String asOf) {
        Instant instant = Instants.parse(asOf, "asOf");
        return instant == null ? Instant.now() : instant;
    }

    private static String payloadType(String type) {
        String wanted = blankToNull(type);
        if (wanted == null) {
            return null;
        }
        if (wanted.indexOf('.') >= 0) {
            return wanted;
        }
        return DomainEvents.payloadTypeOf(wanted).orElseThrow(() -> ApiProblem.invalidField("type", "Type d'événement inconnu : « "
                + wanted + " ». Types connus : " + String.join(", ", DomainEvents.knownTypes()) + "."));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
