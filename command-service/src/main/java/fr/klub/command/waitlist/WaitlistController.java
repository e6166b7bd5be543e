package fr.klub.command.waitlist;

import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.command.demande.DemandeNumbers;
import fr.klub.command.demande.TrackingTokens;
import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.booking.AcceptOffer;
import fr.klub.domain.booking.DeclineOffer;
import fr.klub.domain.booking.JoinWaitlist;
import fr.klub.domain.booking.LeaveWaitlist;
import fr.klub.domain.demande.DepositReceipt;
import fr.klub.domain.session.WaitlistPosition;
import fr.klub.platform.security.KlubUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A parent queues a child on a full session, leaves the queue, and answers the place offered to
 * it (product.md §9). The rules (who may queue, in which order places are offered) are the
 * domain's: this controller only translates HTTP.
 */
@RestController
@RequestMapping("/api/waitlist/{sessionId}/{childId}")
@PreAuthorize("hasRole('PARENT')")
@Tag(name = "Listes d'attente (parents)")
class WaitlistController {

    private static final String UNKNOWN_SESSION = "Séance inconnue.";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final CommandSender commands;
    private final DemandeNumbers numbers;
    private final TrackingTokens tokens;
    private final Clock clock;

    WaitlistController(CommandSender commands, DemandeNumbers numbers, TrackingTokens tokens, Clock clock) {
        this.commands = commands;
        this.numbers = numbers;
        this.tokens = tokens;
        this.clock = clock;
    }

    @PutMapping
    @Operation(summary = "Queue the child on a full session (201 new entry, 200 already queued)")
    @ApiResponse(responseCode = "201", description = "L'enfant entre dans la liste d'attente.")
    @ApiResponse(responseCode = "200", description = "L'enfant y était déjà : sa position actuelle.")
    @ApiResponse(responseCode = "409", description = "WAITLIST_NOT_NEEDED (il reste des places en ligne), "
            + "PERIOD_ALREADY_BOOKED, BOOKING_CLOSED, CHILD_NOT_ELIGIBLE, CONCURRENT_MODIFICATION.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<QueuedChild> join(@PathVariable UUID sessionId, @PathVariable UUID childId,
                                     @AuthenticationPrincipal KlubUser parent) {
        WaitlistPosition position = commands.send(
                new JoinWaitlist(sessionId, childId, family(parent), clock.instant()), UNKNOWN_SESSION);
        return ResponseEntity.status(position.joined() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new QueuedChild(sessionId, childId, "WAITING", position.position()));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave the waiting list (a pending offer is declined; not queued: nothing happens)")
    void leave(@PathVariable UUID sessionId, @PathVariable UUID childId, @AuthenticationPrincipal KlubUser parent) {
        commands.send(new LeaveWaitlist(sessionId, childId, family(parent), clock.instant()), UNKNOWN_SESSION);
    }

    /** Number and token are drawn before the command; a repeat gets its first receipt, leaving them unused. */
    @PostMapping("/accept")
    @Operation(summary = "Accept the place offered: a demande is deposited with it (again: the same answer)")
    @ApiResponse(responseCode = "200", description = "La demande déposée avec la place proposée.")
    @ApiResponse(responseCode = "409", description = "OFFER_NOT_PENDING (l'offre a expiré, a été déclinée ou "
            + "n'existe pas), CONCURRENT_MODIFICATION.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    AcceptedOffer accept(@PathVariable UUID sessionId, @PathVariable UUID childId,
                         @AuthenticationPrincipal KlubUser parent) {
        DepositReceipt receipt = commands.send(new AcceptOffer(sessionId, childId, family(parent), UUID.randomUUID(),
                numbers.draw(), tokens.next(), clock.instant()), UNKNOWN_SESSION);
        return new AcceptedOffer(sessionId, childId, receipt.demandeId(), receipt.number(), "DEPOSITED",
                receipt.trackingToken());
    }

    @PostMapping("/decline")
    @Operation(summary = "Decline the place offered: it goes to the next in line (again: nothing changes)")
    @ApiResponse(responseCode = "200", description = "L'offre est déclinée ; l'enfant quitte la liste.")
    @ApiResponse(responseCode = "409", description = "OFFER_NOT_PENDING (aucune place n'est proposée à "
            + "l'enfant), CONCURRENT_MODIFICATION.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    DeclinedOffer decline(@PathVariable UUID sessionId, @PathVariable UUID childId,
                          @AuthenticationPrincipal KlubUser parent) {
        commands.send(new DeclineOffer(sessionId, childId, family(parent), clock.instant()), UNKNOWN_SESSION);
        return new DeclinedOffer(sessionId, childId, "DECLINED");
    }

    private static UUID family(KlubUser parent) {
        return parent.familyId().orElseThrow();
    }

    record QueuedChild(UUID sessionId, UUID childId, String status, int position) {
    }

    record AcceptedOffer(UUID sessionId, UUID childId, UUID demandeId, long number, String status,
                         String trackingToken) {
    }

    record DeclinedOffer(UUID sessionId, UUID childId, String status) {
    }
}
