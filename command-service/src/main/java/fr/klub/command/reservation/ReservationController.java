package fr.klub.command.reservation;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.booking.CancelReservation;
import fr.klub.platform.security.KlubUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A parent cancels a deposited or confirmed reservation of their child, before the cancellation deadline. */
@RestController
@PreAuthorize("hasRole('PARENT')")
@Tag(name = "Réservations (parents)")
class ReservationController {

    private final CommandSender commands;
    private final Clock clock;

    ReservationController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @DeleteMapping("/api/reservations/{childId}/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel a deposited or confirmed reservation before the programme's cancellation deadline")
    void cancel(@PathVariable UUID childId, @PathVariable UUID sessionId, @AuthenticationPrincipal KlubUser parent) {
        commands.send(new CancelReservation(parent.familyId().orElseThrow(), childId, sessionId, clock.instant()),
                "Aucune réservation de cet enfant pour cette séance.");
    }
}
