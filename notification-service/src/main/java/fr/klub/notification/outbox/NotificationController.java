package fr.klub.notification.outbox;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Staff see every e-mail the town sent or tried to send, and put failed ones back in the queue (api.md §N). */
@RestController
@RequestMapping("/api/staff/notifications")
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Notifications", description = "Journal des courriels envoyés aux familles")
class NotificationController {

    static final String NOT_RETRYABLE = "NOTIFICATION_NOT_RETRYABLE";
    private static final int MAX_LIMIT = 1000;

    private final Outbox outbox;

    NotificationController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    @Operation(summary = "Courriels du journal, les plus récents d'abord")
    List<NotificationView> list(
            @Parameter(description = "SENT, PENDING ou FAILED") @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) UUID demandeId,
            @Parameter(description = "nombre maximal de courriels (1 à 1000)") @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalidField("limit", "Le paramètre limit doit être compris entre 1 et " + MAX_LIMIT + ".");
        }
        return outbox.find(status, demandeId, limit).stream().map(NotificationView::of).toList();
    }

    /**
     * 202: the e-mail is queued again (FAILED → PENDING, with a fresh set of attempts); a PENDING
     * one is already queued. 409 for an e-mail already sent or one that could not be written.
     */
    @PostMapping("/{id}/retry")
    @Operation(summary = "Remettre un courriel en échec dans la file d'envoi")
    ResponseEntity<NotificationView> retry(@PathVariable long id) {
        Notification before = outbox.find(id).orElseThrow(() -> ApiProblem.notFound("Ce courriel n'existe pas."));
        if (before.status() == NotificationStatus.SENT) {
            throw ApiProblem.conflict(NOT_RETRYABLE, "Ce courriel a déjà été envoyé.");
        }
        if (before.recipient() == null) {
            throw ApiProblem.conflict(NOT_RETRYABLE,
                    "Ce courriel n'a pas pu être rédigé et ne peut pas être renvoyé : " + before.lastError());
        }
        outbox.retry(id);
        Notification after = outbox.find(id).orElseThrow();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(NotificationView.of(after));
    }
}
