package fr.klub.command.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.booking.CancelOnsite;
import fr.klub.domain.booking.ReserveOnsite;
import fr.klub.domain.session.CancelSession;
import fr.klub.domain.session.ChangeSessionQuota;
import fr.klub.domain.session.ScheduleSession;
import fr.klub.domain.shared.Period;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Staff publish sessions, change their quotas, cancel them, and book places at the desk. */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Sessions (staff)")
class SessionController {

    private static final String UNKNOWN_SESSION = "Séance inconnue.";

    private final CommandSender commands;
    private final Clock clock;

    SessionController(CommandSender commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/staff/programmes/{programmeId}/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a session; without onlineQuota, half the places (rounded up) go online")
    Scheduled schedule(@PathVariable UUID programmeId, @Valid @RequestBody ScheduleRequest request) {
        UUID sessionId = UUID.randomUUID();
        commands.send(new ScheduleSession(sessionId, programmeId, request.activity(), request.date(), request.period(),
                request.capacity(), request.onlineQuota()), "Programme inconnu.");
        return new Scheduled(sessionId);
    }

    @PutMapping("/api/staff/sessions/{sessionId}/quota")
    @Operation(summary = "Change the capacity and the online quota, never below what is booked")
    QuotaChanged changeQuota(@PathVariable UUID sessionId, @Valid @RequestBody QuotaRequest request) {
        commands.send(new ChangeSessionQuota(sessionId, request.capacity(), request.onlineQuota(), clock.instant()),
                UNKNOWN_SESSION);
        return new QuotaChanged(sessionId, request.capacity(), request.onlineQuota());
    }

    @PostMapping("/api/staff/sessions/{sessionId}/cancel")
    @Operation(summary = "Cancel the session: every reservation on it is released")
    SessionCancelled cancel(@PathVariable UUID sessionId, @Valid @RequestBody CancelRequest request) {
        commands.send(new CancelSession(sessionId, request.reason(), clock.instant()), UNKNOWN_SESSION);
        return new SessionCancelled(sessionId, "CANCELLED");
    }

    @PutMapping("/api/staff/sessions/{sessionId}/onsite-reservations/{childId}")
    @Operation(summary = "Book an on-site place for a child (201 new, 200 already booked)")
    ResponseEntity<OnsiteBooked> bookOnsite(@PathVariable UUID sessionId, @PathVariable UUID childId) {
        boolean booked = commands.send(new ReserveOnsite(sessionId, childId, clock.instant()), UNKNOWN_SESSION);
        return ResponseEntity.status(booked ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new OnsiteBooked(sessionId, childId, "CONFIRMED"));
    }

    @DeleteMapping("/api/staff/sessions/{sessionId}/onsite-reservations/{childId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Cancel an on-site reservation")
    void cancelOnsite(@PathVariable UUID sessionId, @PathVariable UUID childId) {
        commands.send(new CancelOnsite(sessionId, childId, clock.instant()), UNKNOWN_SESSION);
    }

    record ScheduleRequest(
            @NotBlank(message = "L'activité est obligatoire.")
            @Size(max = 200, message = "L'activité dépasse 200 caractères.") String activity,
            @NotNull(message = "La date est obligatoire.") LocalDate date,
            @NotNull(message = "Le créneau est obligatoire (MATIN, MIDI ou APRES_MIDI).") Period period,
            @NotNull(message = "La capacité est obligatoire.")
            @Min(value = 1, message = "La capacité doit être comprise entre 1 et 500.")
            @Max(value = 500, message = "La capacité doit être comprise entre 1 et 500.") Integer capacity,
            @Min(value = 0, message = "Le quota en ligne ne peut pas être négatif.") Integer onlineQuota) {
    }

    record QuotaRequest(
            @NotNull(message = "La capacité est obligatoire.")
            @Min(value = 1, message = "La capacité doit être comprise entre 1 et 500.")
            @Max(value = 500, message = "La capacité doit être comprise entre 1 et 500.") Integer capacity,
            @NotNull(message = "Le quota en ligne est obligatoire.")
            @Min(value = 0, message = "Le quota en ligne ne peut pas être négatif.") Integer onlineQuota) {
    }

    record CancelRequest(
            @NotBlank(message = "Le motif est obligatoire.")
            @Size(max = 1000, message = "Le motif dépasse 1000 caractères.") String reason) {
    }

    record Scheduled(UUID sessionId) {
    }

    record QuotaChanged(UUID sessionId, int capacity, int onlineQuota) {
    }

    record SessionCancelled(UUID sessionId, String status) {
    }

    record OnsiteBooked(UUID sessionId, UUID childId, String status) {
    }
}
