package fr.klub.query.planning;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.KlubUser;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.consistency.ConsistentWith;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Planning")
class PlanningController {

    private static final int MAX_CHILDREN = 12;

    private final ReadSide readSide;
    private final PlanningQuery planningQuery;

    PlanningController(ReadSide readSide, PlanningQuery planningQuery) {
        this.readSide = readSide;
        this.planningQuery = planningQuery;
    }

    @GetMapping("/api/programmes/{programmeId}/planning")
    @PreAuthorize("hasAnyRole('PARENT', 'STAFF')")
    @ReadsFrom({ReadModels.PLANNING, ReadModels.FAMILIES, ReadModels.PROGRAMMES})
    @Operation(summary = "The planning grid: days × periods × sessions with the online places left and, for each"
            + " child, AVAILABLE / RESERVED / PERIOD_TAKEN / FULL")
    Planning planning(@PathVariable UUID programmeId,
                      @Parameter(description = "children of the caller's family, comma-separated")
                      @RequestParam(name = "children", required = false) List<UUID> children,
                      @AuthenticationPrincipal KlubUser user, HttpServletRequest request) {
        List<UUID> asked = children == null ? List.of() : children;
        if (asked.size() > MAX_CHILDREN) {
            throw ApiProblem.invalidField("children", "Au plus " + MAX_CHILDREN + " enfants à la fois.");
        }
        // asked directly, not through Axon's query bus: docs/decisions/portal-speed.md, "The services' share"
        return planningQuery.handle(new FindPlanning(programmeId, user.familyId().orElse(null), asked,
                ConsistentWith.of(request).orElse(null)));
    }

    @GetMapping("/api/staff/sessions/{sessionId}")
    @PreAuthorize("hasRole('STAFF')")
    @ReadsFrom({ReadModels.PLANNING, ReadModels.FAMILIES})
    @Operation(summary = "A session's quota, its places by channel and status, and the children")
    SessionRoster roster(@PathVariable UUID sessionId) {
        return readSide.ask(new FindSessionRoster(sessionId), instanceOf(SessionRoster.class));
    }
}
