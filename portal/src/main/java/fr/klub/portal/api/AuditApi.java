package fr.klub.portal.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.klub.portal.PortalProperties;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The query-service's auditor endpoints (api.md, "Auditors" and the draw's proof), typed as the
 * "Espace audit" pages need them. The verification replays the whole history: it gets a read timeout
 * of its own, longer than the pages' (docs/portal.md, "Espace audit").
 */
@Component
public class AuditApi {

    /** The replay reads every event and may wait for the live read models to settle (10 s by default). */
    static final Duration VERIFICATION_TIMEOUT = Duration.ofMinutes(5);

    private final ApiCaller api;
    private final ApiCaller slow;

    AuditApi(PortalProperties properties, RestClient.Builder builder, BearerToken bearer, ObjectMapper json) {
        this.api = new ApiCaller("query-service", properties.queryUrl(), properties, builder, bearer, json);
        PortalProperties patient = properties.withReadTimeoutAtLeast(VERIFICATION_TIMEOUT);
        this.slow = new ApiCaller("query-service", properties.queryUrl(), patient, builder, bearer, json);
    }


    /** One page of the history; {@code from}/{@code to} are instants, the other filters as typed (blank: none). */
    public HistoryPage events(HistoryFilter filter, long after, int limit) {
        // each filter a template variable, so that the '+' of an offset or any other character is encoded
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("aggregateId", filter.aggregateId());
        values.put("type", filter.type());
        values.put("actor", filter.actor());
        values.put("from", filter.from() == null ? null : filter.from().toString());
        values.put("to", filter.to() == null ? null : filter.to().toString());
        values.values().removeIf(v -> v == null || v.toString().isBlank());
        return api.call(c -> c.get().uri(uri -> {
            UriBuilder b = uri.path("/api/audit/events").queryParam("after", after).queryParam("limit", limit);
            values.keySet().forEach(name -> b.queryParam(name, "{" + name + "}"));
            return b.build(values);
        }).retrieve().body(HistoryPage.class));
    }

    public SessionAsOf session(UUID sessionId, Instant asOf) {
        return api.call(c -> c.get().uri(uri -> uri.path("/api/audit/sessions/{id}").queryParam("asOf", asOf.toString())
                .build(sessionId)).retrieve().body(SessionAsOf.class));
    }

    public DemandeAsOf demande(UUID demandeId, Instant asOf) {
        return api.call(c -> c.get().uri(uri -> uri.path("/api/audit/demandes/{id}").queryParam("asOf", asOf.toString())
                .build(demandeId)).retrieve().body(DemandeAsOf.class));
    }

    public Verification verify() {
        return slow.call(c -> c.post().uri("/api/audit/verify").retrieve().body(Verification.class));
    }

    public DrawProof draw(UUID programmeId) {
        return api.call(c -> c.get().uri("/api/audit/programmes/{id}/draw", programmeId).retrieve().body(DrawProof.class));
    }

    /**
     * Copies the whole history (NDJSON), as it arrives, to the stream {@code opened} gives once the
     * service has said yes: the portal never holds it in memory, and a refusal is translated as every
     * other call's before anything is written.
     */
    public void export(java.util.function.Supplier<OutputStream> opened) {
        slow.run(c -> c.get().uri("/api/audit/export")
                .accept(MediaType.valueOf("application/x-ndjson"), MediaType.APPLICATION_PROBLEM_JSON)
                .exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        int status = response.getStatusCode().value();
                        if (status == 401) {
                            throw new SignInAgain("query-service refused the token");
                        }
                        if (status >= 500) {
                            throw new ServiceUnavailable("query-service", new IOException("HTTP " + status));
                        }
                        throw new ApiRefusal(status, "", "", List.of());
                    }
                    StreamUtils.copy(response.getBody(), opened.get());
                    return null;
                }, true));
    }

    /** The history's filters as the API takes them (blank: no filter). */
    public record HistoryFilter(Instant from, Instant to, String type, String aggregateId, String actor) {
    }

    public record HistoryPage(List<Event> events, Long next, long position) {
        public List<Event> events() {
            return events == null ? List.of() : events;
        }
    }

    public record Event(long globalIndex, String eventIdentifier, String aggregateId, String aggregateType,
                        long sequenceNumber, String type, String payloadRevision, Instant timestamp, JsonNode payload,
                        Origin metadata) {
        public Origin metadata() {
            return metadata == null ? new Origin(null, null, null, null) : metadata;
        }
    }

    /** Who caused an event: account id (or "system"), role, the request's correlation id, the client's X-Request-Id. */
    public record Origin(String actor, String role, String correlationId, String requestId) {
    }

    public record SessionAsOf(UUID sessionId, Instant asOf, UUID programmeId, String activity, LocalDate date,
                              String period, int capacity, int onlineQuota, int onsiteQuota, boolean cancelled,
                              String cancellationReason, Online online, Onsite onsite, List<Place> reservations,
                              List<Queued> waitlist, int eventsApplied, long lastGlobalIndex) {
        public List<Place> reservations() {
            return reservations == null ? List.of() : reservations;
        }

        public List<Queued> waitlist() {
            return waitlist == null ? List.of() : waitlist;
        }
    }

    public record Online(int held, int deposited, int confirmed, int offered, int total, int placesLeft) {
    }

    public record Onsite(int booked, int placesLeft) {
    }

    public record Place(UUID childId, String channel, UUID demandeId, String status, Instant since) {
    }

    public record Queued(UUID childId, UUID familyId, Instant queuedAt, String status, int position, Instant offeredAt,
                         Instant offerExpiresAt) {
    }

    public record DemandeAsOf(UUID demandeId, Instant asOf, UUID familyId, UUID programmeId, List<UUID> childIds,
                              String status, Long number, Instant createdAt, Instant expiresAt, Instant depositedAt,
                              Instant decidedAt, String refusalReason, List<Ref> reservations, List<Wish> wishes,
                              List<StatusChange> history, int eventsApplied, long lastGlobalIndex) {
        public List<Ref> reservations() {
            return reservations == null ? List.of() : reservations;
        }

        /** A lottery's wishes not removed at that instant (absent from a query-service without lotteries). */
        public List<Wish> wishes() {
            return wishes == null ? List.of() : wishes;
        }

        public List<StatusChange> history() {
            return history == null ? List.of() : history;
        }
    }

    public record Ref(UUID childId, UUID sessionId) {
    }

    public record Wish(UUID childId, UUID sessionId, LocalDate date, String period, int rank) {
    }

    public record StatusChange(String status, Instant at) {
    }

    /** The replay's report; kept in the session for the page after the click, hence Serializable. */
    public record Verification(long eventsReplayed, List<Violation> violations, Boolean readModelsMatchLive,
                               long durationMs, long lastGlobalIndex, List<ReadModelCheck> readModels)
            implements Serializable {
        public List<Violation> violations() {
            return violations == null ? List.of() : violations;
        }

        public List<ReadModelCheck> readModels() {
            return readModels == null ? List.of() : readModels;
        }
    }

    public record Violation(int rule, String aggregateId, String detail, long globalIndex) implements Serializable {
    }

    public record ReadModelCheck(String readModel, boolean matches, long rowsCompared, int differenceCount,
                                 List<String> differences, long deadLetters) implements Serializable {
        public List<String> differences() {
            return differences == null ? List.of() : differences;
        }
    }

    public record DrawProof(String seedCommitment, String seed, Instant drawnAt, List<UUID> familyOrder,
                            List<Granted> granted, List<Waitlisted> waitlisted, Boolean commitmentMatches,
                            Boolean reproduced) {
        public List<UUID> familyOrder() {
            return familyOrder == null ? List.of() : familyOrder;
        }

        public List<Granted> granted() {
            return granted == null ? List.of() : granted;
        }

        public List<Waitlisted> waitlisted() {
            return waitlisted == null ? List.of() : waitlisted;
        }
    }

    public record Granted(UUID childId, UUID sessionId) {
    }

    public record Waitlisted(UUID childId, UUID sessionId, int position) {
    }
}
