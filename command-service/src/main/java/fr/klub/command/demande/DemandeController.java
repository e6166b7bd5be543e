package fr.klub.command.demande;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.command.support.KlubProperties;
import fr.klub.domain.demande.CancelDemande;
import fr.klub.domain.demande.CreateDemande;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.DepositReceipt;
import fr.klub.domain.demande.HoldOutcome;
import fr.klub.domain.demande.ReleaseReservation;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.platform.security.KlubUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** A parent's demande: start a draft, hold and release places, deposit it, or abandon it. */
@RestController
@RequestMapping("/api/demandes")
@PreAuthorize("hasRole('PARENT')")
@Tag(name = "Demandes (parents)")
class DemandeController {

    private static final String UNKNOWN_DEMANDE = "Demande inconnue.";

    private final CommandSender commands;
    private final DemandeNumbers numbers;
    private final TrackingTokens tokens;
    private final Clock clock;
    private final KlubProperties properties;

    DemandeController(CommandSender commands, DemandeNumbers numbers, TrackingTokens tokens, Clock clock,
                      KlubProperties properties) {
        this.commands = commands;
        this.numbers = numbers;
        this.tokens = tokens;
        this.clock = clock;
        this.properties = properties;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start a draft demande for children of the family in a programme")
    DraftCreated create(@Valid @RequestBody CreateDemandeRequest request, @AuthenticationPrincipal KlubUser parent) {
        UUID demandeId = UUID.randomUUID();
        Instant at = clock.instant();
        List<UUID> childIds = List.copyOf(new java.util.LinkedHashSet<>(request.childIds()));
        commands.send(new CreateDemande(demandeId, family(parent), request.programmeId(), childIds, tokens.next(),
                properties.demande().draftTimeout(), at), "Programme inconnu.");
        return new DraftCreated(demandeId, "DRAFT", request.programmeId(), childIds,
                at.plus(properties.demande().draftTimeout()));
    }

    @PutMapping("/{demandeId}/reservations/{childId}/{sessionId}")
    @Operation(summary = "Hold an online place (201 new hold, 200 already held); in a lottery's wish window, "
            + "record a wish of the given rank instead (status WISHED)")
    ResponseEntity<Object> reserve(@PathVariable UUID demandeId, @PathVariable UUID childId,
                                   @PathVariable UUID sessionId, @RequestParam(required = false) Integer rank,
                                   @AuthenticationPrincipal KlubUser parent) {
        HoldOutcome outcome = commands.send(
                new ReserveSession(demandeId, family(parent), childId, sessionId, clock.instant(), rank),
                UNKNOWN_DEMANDE);
        Object body = outcome.wished()
                ? new Wished(demandeId, childId, sessionId, "WISHED", outcome.wishRank())
                : new Held(demandeId, childId, sessionId, "HELD", outcome.onlinePlacesLeft());
        return ResponseEntity.status(outcome.newHold() ? HttpStatus.CREATED : HttpStatus.OK).body(body);
    }

    record Wished(UUID demandeId, UUID childId, UUID sessionId, String status, int rank) {
    }

    @DeleteMapping("/{demandeId}/reservations/{childId}/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Give a held place back (the draft stays open)")
    void release(@PathVariable UUID demandeId, @PathVariable UUID childId, @PathVariable UUID sessionId,
                 @AuthenticationPrincipal KlubUser parent) {
        commands.send(new ReleaseReservation(demandeId, family(parent), childId, sessionId, clock.instant()),
                UNKNOWN_DEMANDE);
    }

    @PostMapping("/{demandeId}/deposit")
    @Operation(summary = "Deposit the draft: it gets its number (repeating returns the same receipt)")
    Deposited deposit(@PathVariable UUID demandeId, @AuthenticationPrincipal KlubUser parent) {
        UUID familyId = family(parent);
        long number = numbers.numberFor(demandeId, familyId);
        DepositReceipt receipt = commands.send(new DepositDemande(demandeId, familyId, number, clock.instant()),
                UNKNOWN_DEMANDE);
        return new Deposited(receipt.demandeId(), receipt.number(), "DEPOSITED", receipt.depositedAt(),
                receipt.trackingToken());
    }

    @PostMapping("/{demandeId}/cancel")
    @Operation(summary = "Abandon the draft: every held place is released")
    Cancelled cancel(@PathVariable UUID demandeId, @AuthenticationPrincipal KlubUser parent) {
        commands.send(new CancelDemande(demandeId, family(parent), clock.instant()), UNKNOWN_DEMANDE);
        return new Cancelled(demandeId, "CANCELLED");
    }

    private static UUID family(KlubUser parent) {
        return parent.familyId().orElseThrow();
    }

    record DraftCreated(UUID demandeId, String status, UUID programmeId, List<UUID> childIds, Instant expiresAt) {
    }

    record Held(UUID demandeId, UUID childId, UUID sessionId, String status, int onlinePlacesLeft) {
    }

    record Deposited(UUID demandeId, long number, String status, Instant depositedAt, String trackingToken) {
    }

    record Cancelled(UUID demandeId, String status) {
    }
}
