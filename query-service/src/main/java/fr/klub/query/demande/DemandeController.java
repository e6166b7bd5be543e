package fr.klub.query.demande;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;
import static org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf;

import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.consistency.ReadsFrom;
import fr.klub.query.projection.ReadModels;
import fr.klub.query.web.ReadSide;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Demandes")
class DemandeController {

    private static final int MAX_QUEUE = 1000;
    private static final int MAX_TOKEN_LENGTH = 100;

    private final ReadSide readSide;
    private final DemandeProjection demandes;

    DemandeController(ReadSide readSide, DemandeProjection demandes) {
        this.readSide = readSide;
        this.demandes = demandes;
    }

    @GetMapping("/api/families/me/demandes")
    @PreAuthorize("hasRole('PARENT')")
    @ReadsFrom({ReadModels.DEMANDES, ReadModels.PROGRAMMES})
    @Operation(summary = "The family's demandes, newest first")
    List<DemandeSummary> mine(@AuthenticationPrincipal KlubUser parent) {
        return readSide.ask(new FindFamilyDemandes(parent.familyId().orElseThrow()),
                multipleInstancesOf(DemandeSummary.class));
    }

    @GetMapping("/api/demandes/{demandeId}")
    @PreAuthorize("hasAnyRole('PARENT', 'STAFF')")
    @ReadsFrom({ReadModels.DEMANDES, ReadModels.FAMILIES})
    @Operation(summary = "One demande with its reservations and status history (a parent: only the family's own)")
    DemandeDetail demande(@PathVariable UUID demandeId, @AuthenticationPrincipal KlubUser user) {
        // asked directly, not through Axon's query bus (as the planning): the portal reads it on every grid page
        return demandes.handle(new FindDemande(demandeId, user.familyId().orElse(null)));
    }

    @GetMapping("/api/tracking/{token}")
    @ReadsFrom(ReadModels.DEMANDES)
    @Operation(summary = "Public tracking of a demande from the link of the deposit e-mail: number, status, dates")
    Tracking tracking(@PathVariable String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw ApiProblem.notFound("Aucune demande ne correspond à ce lien de suivi.");
        }
        return readSide.ask(new FindTracking(token), instanceOf(Tracking.class));
    }

    @GetMapping("/api/staff/queue")
    @PreAuthorize("hasRole('STAFF')")
    @ReadsFrom({ReadModels.DEMANDES, ReadModels.FAMILIES})
    @Operation(summary = "Demandes to process (DEPOSITED by default), oldest first, optionally of one programme")
    List<QueueEntry> queue(@RequestParam(required = false) UUID programmeId,
                           @RequestParam(defaultValue = "DEPOSITED") DemandeStatus status,
                           @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > MAX_QUEUE) {
            throw ApiProblem.invalidField("limit", "« limit » doit être compris entre 1 et " + MAX_QUEUE + ".");
        }
        return readSide.ask(new FindStaffQueue(programmeId, status, limit), multipleInstancesOf(QueueEntry.class));
    }
}
