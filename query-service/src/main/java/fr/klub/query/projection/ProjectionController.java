package fr.klub.query.projection;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Modèles de lecture (exploitation)")
class ProjectionController {

    static final String STILL_FAILING = "DEAD_LETTERS_STILL_FAILING";

    private final Projections projections;

    ProjectionController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping("/api/staff/projections")
    @Operation(summary = "Each read model's progress (per segment and instance), dead letters and last rebuild")
    List<ProjectionStatus> projections() {
        return projections.statuses();
    }

    @GetMapping("/api/staff/projections/{name}")
    @Operation(summary = "One read model's progress")
    ProjectionStatus projection(@PathVariable String name) {
        return projections.status(name);
    }

    @PostMapping("/api/staff/projections/{name}/rebuild")
    @Operation(summary = "Wipe a read model and replay the whole event store into it (202; follow it with GET)")
    ResponseEntity<ProjectionStatus> rebuild(@PathVariable String name) {
        if (!projections.rebuild(name)) {
            throw ApiProblem.conflict("REBUILD_IN_PROGRESS", "Une reconstruction de ce modèle est déjà en cours.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(projections.status(name));
    }

    /**
     * 200 with what went through; 409 {@value #STILL_FAILING} when an event fails again (it stays
     * in the queue, with the later events of its aggregate).
     */
    @PostMapping("/api/staff/projections/{name}/dead-letters/retry")
    @Operation(summary = "Retry the events of a read model that failed (after a fix); returns how many went through")
    Projections.RetryOutcome retryDeadLetters(
            @PathVariable String name,
            @Parameter(description = "only this aggregate's events") @RequestParam(required = false) String aggregateId) {
        Projections.RetryOutcome outcome = projections.retryDeadLetters(name,
                Optional.ofNullable(aggregateId).filter(id -> !id.isBlank()));
        if (outcome.sequencesStillFailing() > 0) {
            throw ApiProblem.conflict(STILL_FAILING, ("%d dossier(s) rejoué(s) avec succès, %d en échec : leurs événements "
                    + "restent de côté (%d au total pour ce modèle). Corrigez la cause, puis relancez.").formatted(
                    outcome.sequencesProcessed(), outcome.sequencesStillFailing(), outcome.deadLettersLeft()));
        }
        return outcome;
    }
}
