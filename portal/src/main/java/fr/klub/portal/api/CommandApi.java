package fr.klub.portal.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;

/** The command-service's parent endpoints (api.md "Command service"): each click of a page is one of these. */
public class CommandApi {

    private final ApiCaller api;

    CommandApi(ApiCaller api) {
        this.api = api;
    }

    public Draft startDemande(UUID programmeId, List<UUID> childIds) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("programmeId", programmeId);
        body.put("childIds", childIds);
        return api.call(c -> c.post().uri("/api/demandes").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(Draft.class));
    }

    public void hold(UUID demandeId, UUID childId, UUID sessionId) {
        api.run(c -> c.put().uri("/api/demandes/{d}/reservations/{c}/{s}", demandeId, childId, sessionId)
                .retrieve().toBodilessEntity());
    }

    /**
     * In a lottery's wish window: records a wish, {@code rank} 1 being the first choice for that child and
     * half-day (null: after the child's other wishes there). Answers the rank the command-service kept.
     */
    public int wish(UUID demandeId, UUID childId, UUID sessionId, Integer rank) {
        Wish wish = api.call(c -> c.put().uri(rank == null ? "/api/demandes/{d}/reservations/{c}/{s}"
                        : "/api/demandes/{d}/reservations/{c}/{s}?rank={r}", demandeId, childId, sessionId, rank)
                .retrieve().body(Wish.class));
        return wish == null || wish.rank() == null ? (rank == null ? 0 : rank) : wish.rank();
    }

    public void release(UUID demandeId, UUID childId, UUID sessionId) {
        api.run(c -> c.delete().uri("/api/demandes/{d}/reservations/{c}/{s}", demandeId, childId, sessionId)
                .retrieve().toBodilessEntity());
    }

    public Deposit deposit(UUID demandeId) {
        return api.call(c -> c.post().uri("/api/demandes/{d}/deposit", demandeId).retrieve().body(Deposit.class));
    }

    public void cancel(UUID demandeId) {
        api.run(c -> c.post().uri("/api/demandes/{d}/cancel", demandeId).retrieve().toBodilessEntity());
    }

    public void joinWaitlist(UUID sessionId, UUID childId) {
        api.run(c -> c.put().uri("/api/waitlist/{s}/{c}", sessionId, childId).retrieve().toBodilessEntity());
    }

    public void leaveWaitlist(UUID sessionId, UUID childId) {
        api.run(c -> c.delete().uri("/api/waitlist/{s}/{c}", sessionId, childId).retrieve().toBodilessEntity());
    }

    public Deposit acceptOffer(UUID sessionId, UUID childId) {
        return api.call(c -> c.post().uri("/api/waitlist/{s}/{c}/accept", sessionId, childId).retrieve().body(Deposit.class));
    }

    public void declineOffer(UUID sessionId, UUID childId) {
        api.run(c -> c.post().uri("/api/waitlist/{s}/{c}/decline", sessionId, childId).retrieve().toBodilessEntity());
    }

    /** The family corrects its guardians' names and e-mails as a whole (api.md); the rules are the API's. */
    public void rectifyGuardians(List<Map<String, String>> guardians) {
        Map<String, Object> body = Map.of("guardians", guardians);
        api.run(c -> c.put().uri("/api/families/me/guardians").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    /** Any role may change its own password; the API checks the current one and the policy. */
    public void changePassword(String currentPassword, String newPassword) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("currentPassword", currentPassword);
        body.put("newPassword", newPassword);
        api.run(c -> c.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    public record Draft(UUID demandeId, String status, UUID programmeId, List<UUID> childIds, Instant expiresAt) {
    }

    public record Wish(UUID demandeId, UUID childId, UUID sessionId, String status, Integer rank) {
    }

    public record Deposit(UUID demandeId, Long number, String status, Instant depositedAt, String trackingToken) {
    }
}
