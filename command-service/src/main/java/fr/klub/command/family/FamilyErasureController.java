package fr.klub.command.family;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.family.EraseFamily;
import fr.klub.domain.family.ErasureCause;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Staff erase a family's personal data on its request (product.md §11). Asking again answers the first erasure.
 * The reason is required but kept nowhere: it is about the family, and would go down with its key at once.
 */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Familles (staff)")
class FamilyErasureController {

    private final CommandSender commands;
    private final Clock clock;

    FamilyErasureController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/staff/families/{familyId}/erase")
    @Operation(summary = "Erase a family's personal data (key destroyed, logins closed); idempotent")
    Erasure erase(@PathVariable UUID familyId, @Valid @RequestBody ErasureRequest request) {
        Instant erasedAt = commands.send(new EraseFamily(familyId, ErasureCause.REQUEST, request.reason(),
                clock.instant()), "Famille inconnue.");
        return new Erasure(familyId, erasedAt);
    }

    record ErasureRequest(
            @NotBlank(message = "Le motif est obligatoire.")
            @Size(max = 1000, message = "Le motif dépasse 1000 caractères.") String reason) {
    }

    record Erasure(UUID familyId, Instant erasedAt) {
    }
}
