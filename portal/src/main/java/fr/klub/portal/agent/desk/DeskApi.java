package fr.klub.portal.agent.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.portal.api.ApiCaller;
import fr.klub.portal.api.QueryApi;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * The staff endpoints the desk pages use (api.md "Staff"): the queue and its decisions, a session's
 * roster, waiting list, on-site places, quota and cancellation, and the family search that finds a
 * child by name. Each call carries the signed-in agent's token; the services decide, the pages repeat.
 */
public class DeskApi {

    private final ApiCaller command;
    private final ApiCaller query;

    public DeskApi(ApiCaller command, ApiCaller query) {
        this.command = command;
        this.query = query;
    }

    /** Demandes of one status (DEPOSITED: the queue), oldest first; all programmes when {@code programmeId} is null. */
    public List<QueueEntry> queue(UUID programmeId, String status) {
        return query.call(c -> c.get().uri(u -> {
            u.path("/api/staff/queue").queryParam("status", status);
            if (programmeId != null) {
                u.queryParam("programmeId", programmeId);
            }
            return u.build();
        }).retrieve().body(new ParameterizedTypeReference<List<QueueEntry>>() { }));
    }

    public StaffDemande demande(UUID demandeId) {
        return query.call(c -> c.get().uri("/api/demandes/{id}", demandeId).retrieve().body(StaffDemande.class));
    }

    /** Families whose guardians' or children's names contain every word of {@code words}. */
    public List<QueryApi.Family> families(String words) {
        return query.call(c -> c.get().uri("/api/staff/families?q={q}", words).retrieve()
                .body(new ParameterizedTypeReference<List<QueryApi.Family>>() { }));
    }

    public List<QueryApi.Programme> programmes() {
        return query.call(c -> c.get().uri("/api/programmes").retrieve()
                .body(new ParameterizedTypeReference<List<QueryApi.Programme>>() { }));
    }

    /** The programme's sessions with their online places left (the planning grid without children). */
    public QueryApi.Planning planning(UUID programmeId) {
        return query.call(c -> c.get().uri("/api/programmes/{id}/planning", programmeId).retrieve()
                .body(QueryApi.Planning.class));
    }

    public Roster session(UUID sessionId) {
        return query.call(c -> c.get().uri("/api/staff/sessions/{id}", sessionId).retrieve().body(Roster.class));
    }

    public void decide(UUID demandeId, String decision, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("decision", decision);
        body.put("reason", reason);
        command.run(c -> c.post().uri("/api/staff/demandes/{id}/decision", demandeId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void bookOnsite(UUID sessionId, UUID childId) {
        command.run(c -> c.put().uri("/api/staff/sessions/{s}/onsite-reservations/{c}", sessionId, childId)
                .retrieve().toBodilessEntity());
    }

    public void cancelOnsite(UUID sessionId, UUID childId) {
        command.run(c -> c.delete().uri("/api/staff/sessions/{s}/onsite-reservations/{c}", sessionId, childId)
                .retrieve().toBodilessEntity());
    }

    public void removeFromWaitlist(UUID sessionId, UUID childId, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("reason", reason);
        command.run(c -> c.method(org.springframework.http.HttpMethod.DELETE)
                .uri("/api/staff/sessions/{s}/waitlist/{c}", sessionId, childId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void changeQuota(UUID sessionId, Integer capacity, Integer onlineQuota) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("capacity", capacity);
        body.put("onlineQuota", onlineQuota);
        command.run(c -> c.put().uri("/api/staff/sessions/{s}/quota", sessionId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void cancelSession(UUID sessionId, String reason) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("reason", reason);
        command.run(c -> c.post().uri("/api/staff/sessions/{s}/cancel", sessionId)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    /** One demande of the queue. */
    public record QueueEntry(UUID demandeId, Long number, String status, UUID programmeId, Instant depositedAt,
                             UUID familyId, String familyName, List<QueueChild> children, int reservationCount) {
        public List<QueueChild> children() {
            return children == null ? List.of() : children;
        }
    }

    public record QueueChild(UUID childId, String firstName, String lastName) {
    }

    /** A demande as staff read it: the parent's view plus the family it belongs to. */
    public record StaffDemande(UUID demandeId, Long number, String status, UUID programmeId, UUID familyId,
                               List<QueryApi.Reservation> reservations, Instant createdAt, Instant depositedAt,
                               Instant decidedAt, String refusalReason, List<QueryApi.StatusChange> history) {
        public List<QueryApi.Reservation> reservations() {
            return reservations == null ? List.of() : reservations;
        }

        public List<QueryApi.StatusChange> history() {
            return history == null ? List.of() : history;
        }

        public boolean deposited() {
            return "DEPOSITED".equals(status);
        }
    }

    /** A session's quota, its places by channel and status, the children, and the waiting list in order. */
    public record Roster(UUID sessionId, UUID programmeId, String activity, LocalDate date, String period,
                         int capacity, int onlineQuota, boolean cancelled, OnlineCounts online, int onsite,
                         int onlinePlacesLeft, int onsitePlacesLeft, List<RosterChild> children, List<Queued> waitlist) {
        public List<RosterChild> children() {
            return children == null ? List.of() : children;
        }

        public List<Queued> waitlist() {
            return waitlist == null ? List.of() : waitlist;
        }

        public int onsiteQuota() {
            return capacity - onlineQuota;
        }
    }

    public record OnlineCounts(int held, int deposited, int confirmed, int offered) {
    }

    /** A child with a place: channel ONLINE/ONSITE, status HELD/DEPOSITED/CONFIRMED. */
    public record RosterChild(UUID childId, String firstName, String lastName, UUID familyId, String channel,
                              String status, UUID demandeId, Long demandeNumber) {
        public boolean onsite() {
            return "ONSITE".equals(channel);
        }
    }

    /** A waiting-list entry: WAITING, or OFFERED until {@code offerExpiresAt}. */
    public record Queued(UUID childId, String firstName, String lastName, UUID familyId, Instant queuedAt,
                         String status, int position, Instant offerExpiresAt) {
    }
}
