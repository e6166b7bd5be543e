package fr.klub.command.programme;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.klub.command.lottery.LotterySeeds;
import fr.klub.platform.axon.CommandSender;
import fr.klub.command.support.KlubProperties;
import fr.klub.domain.programme.Allocation;
import fr.klub.domain.programme.CreateProgramme;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Staff publish a programme (a bookable offer over a holiday period) in the town's time zone. */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Programmes (staff)")
class ProgrammeController {

    private final CommandSender commands;
    private final KlubProperties properties;
    private final LotterySeeds seeds;

    ProgrammeController(CommandSender commands, KlubProperties properties, LotterySeeds seeds) {
        this.commands = commands;
        this.properties = properties;
        this.seeds = seeds;
    }

    @PostMapping("/api/staff/programmes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish a programme")
    Created create(@Valid @RequestBody ProgrammeRequest request) {
        UUID programmeId = UUID.randomUUID();
        Allocation allocation = request.allocation() == null ? Allocation.FIRST_COME : request.allocation();
        // the seed is drawn and stored before the programme exists, so its commitment is in the creation
        String commitment = allocation == Allocation.LOTTERY ? seeds.generate(programmeId) : null;
        commands.send(new CreateProgramme(programmeId, request.title(), request.firstDay(), request.lastDay(),
                request.minAge(), request.maxAge(), request.bookingOpensAt(), request.bookingClosesAt(),
                request.cancellationDeadlineDays(), properties.town().zone(), allocation, request.wishesCloseAt(),
                commitment), "Programme inconnu.");
        return new Created(programmeId, allocation, commitment);
    }

    record ProgrammeRequest(
            @NotBlank(message = "Le titre est obligatoire.") @Size(max = 200, message = "Le titre dépasse 200 caractères.")
            String title,
            @NotNull(message = "Le premier jour est obligatoire.") LocalDate firstDay,
            @NotNull(message = "Le dernier jour est obligatoire.") LocalDate lastDay,
            @NotNull(message = "L'âge minimum est obligatoire.") @Min(value = 0, message = "L'âge minimum est invalide.")
            @Max(value = 25, message = "L'âge minimum est invalide.") Integer minAge,
            @NotNull(message = "L'âge maximum est obligatoire.") @Min(value = 0, message = "L'âge maximum est invalide.")
            @Max(value = 25, message = "L'âge maximum est invalide.") Integer maxAge,
            @NotNull(message = "L'ouverture des réservations est obligatoire.") Instant bookingOpensAt,
            @NotNull(message = "La fermeture des réservations est obligatoire.") Instant bookingClosesAt,
            @NotNull(message = "Le délai d'annulation est obligatoire.")
            @Min(value = 0, message = "Le délai d'annulation doit être compris entre 0 et 60 jours.")
            @Max(value = 60, message = "Le délai d'annulation doit être compris entre 0 et 60 jours.")
            Integer cancellationDeadlineDays,
            Allocation allocation,
            Instant wishesCloseAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Created(UUID programmeId, Allocation allocation, String seedCommitment) {
    }
}
