package fr.klub.notification.deadletter;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Staff see the events the notification processor set aside (it went on with the others) and
 * retry them once the cause is fixed, as for the read models' dead letters in the query-service.
 */
@RestController
@RequestMapping("/api/staff/notifications/dead-letters")
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Notifications", description = "Journal des courriels envoyés aux familles")
class DeadLetterController {

    static final String STILL_FAILING = "DEAD_LETTERS_STILL_FAILING";
    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(summary = "Événements mis de côté par le service des notifications, dans l'ordre de l'historique")
    List<DeadLetterView> list(
            @Parameter(description = "nombre maximal d'événements (1 à 1000)") @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "Le paramètre limit doit être compris entre 1 et " + MAX_LIMIT + ".");
        }
        return deadLetters.list(limit);
    }

    /**
     * 200 with what went through; 409 {@value #STILL_FAILING} when an event fails again (it stays
     * set aside, with the later events of its aggregate).
     */
    @PostMapping("/retry")
    @Operation(summary = "Rejouer les événements mis de côté (après correction de la cause)")
    DeadLetters.RetryOutcome retry(
            @Parameter(description = "ne rejouer que les événements de cet agrégat") @RequestParam(required = false)
            String aggregateId) {
        DeadLetters.RetryOutcome outcome = deadLetters.retry(Optional.ofNullable(aggregateId).filter(id -> !id.isBlank()));
        if (outcome.sequencesStillFailing() > 0) {
            throw ApiProblem.conflict(STILL_FAILING, ("%d dossier(s) rejoué(s) avec succès, %d en échec : leurs événements "
                    + "restent de côté (%d au total). Corrigez la cause, puis relancez.").formatted(
                    outcome.sequencesProcessed(), outcome.sequencesStillFailing(), outcome.deadLettersLeft()));
        }
        return outcome;
    }
}
