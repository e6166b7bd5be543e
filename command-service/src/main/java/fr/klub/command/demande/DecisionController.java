package fr.klub.command.demande;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.demande.Decision;
import fr.klub.domain.demande.DecisionReceipt;
import fr.klub.domain.demande.ValidateDemande;
import fr.klub.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Staff accept a deposited demande, or refuse it with a reason (every place is released). */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Demandes (staff)")
class DecisionController {

    private final CommandSender commands;
    private final Clock clock;

    DecisionController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/staff/demandes/{demandeId}/decision")
    @Operation(summary = "Accept or refuse a deposited demande (repeating the same decision returns the same result)")
    DecisionReceipt decide(@PathVariable UUID demandeId, @Valid @RequestBody DecisionRequest request) {
        if (request.decision() == Decision.REFUSED && (request.reason() == null || request.reason().isBlank())) {
            throw ApiProblem.invalidField("reason", "Le motif est obligatoire pour un refus.");
        }
        return commands.send(new ValidateDemande(demandeId, request.decision(), request.reason(), clock.instant()),
                "Demande inconnue.");
    }

    /** Body of the decision; a refusal must say why (the parent reads it in the e-mail). */
    record DecisionRequest(
            @NotNull(message = "La décision est obligatoire (ACCEPTED ou REFUSED).") Decision decision,
            @Size(max = 1000, message = "Le motif dépasse 1000 caractères.") String reason) {
    }
}
