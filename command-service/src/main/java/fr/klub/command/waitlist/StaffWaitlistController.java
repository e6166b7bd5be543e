package fr.klub.command.waitlist;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.booking.RemoveFromWaitlist;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Staff take a child off a waiting list, saying why; they cannot reorder it (product.md §9). */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Listes d'attente (staff)")
class StaffWaitlistController {

    private final CommandSender commands;
    private final Clock clock;

    StaffWaitlistController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @DeleteMapping("/api/staff/sessions/{sessionId}/waitlist/{childId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a child from the waiting list (a pending offer goes to the next in line)")
    void remove(@PathVariable UUID sessionId, @PathVariable UUID childId,
                @Valid @RequestBody WaitlistRemovalRequest request) {
        commands.send(new RemoveFromWaitlist(sessionId, childId, request.reason(), clock.instant()),
                "Séance inconnue.");
    }

    record WaitlistRemovalRequest(
            @NotBlank(message = "Le motif est obligatoire.")
            @Size(max = 1000, message = "Le motif dépasse 1000 caractères.") String reason) {
    }
}
