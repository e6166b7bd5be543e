package fr.klub.portal.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.ParameterizedTypeReference;

/** The query-service's parent endpoints (api.md "Query service"), typed as the pages need them. */
public class QueryApi {

    private final ApiCaller api;

    QueryApi(ApiCaller api) {
        this.api = api;
    }

    public Family family() {
        return api.call(c -> c.get().uri("/api/families/me").retrieve().body(Family.class));
    }

    public List<Programme> programmes() {
        return api.call(c -> c.get().uri("/api/programmes").retrieve().body(new ParameterizedTypeReference<List<Programme>>() { }));
    }

    public Planning planning(UUID programmeId, List<UUID> children) {
        String ids = children.stream().map(UUID::toString).collect(Collectors.joining(","));
        return api.call(c -> c.get().uri("/api/programmes/{id}/planning?children={ids}", programmeId, ids)
                .retrieve().body(Planning.class));
    }

    public List<DemandeSummary> demandes() {
        return api.call(c -> c.get().uri("/api/families/me/demandes").retrieve()
                .body(new ParameterizedTypeReference<List<DemandeSummary>>() { }));
    }

    public Demande demande(UUID demandeId) {
        return api.call(c -> c.get().uri("/api/demandes/{id}", demandeId).retrieve().body(Demande.class));
    }

    /** Public: the tracking page is read without a sign-in. */
    public Tracking tracking(String token) {
        return api.call(c -> c.get().uri("/api/tracking/{token}", token).retrieve().body(Tracking.class));
    }

    public Waitlist waitlist() {
        return api.call(c -> c.get().uri("/api/families/me/waitlist").retrieve().body(Waitlist.class));
    }

    public Agenda agenda(String month) {
        return api.call(c -> c.get().uri("/api/families/me/agenda?month={month}", month).retrieve().body(Agenda.class));
    }

    /** The family's agenda as iCalendar (RFC 5545), built by the query-service. */
    public byte[] agendaIcs() {
        return api.call(c -> c.get().uri("/api/families/me/agenda.ics").accept(org.springframework.http.MediaType.valueOf("text/calendar"), org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .retrieve().body(byte[].class));
    }

    /** A new private subscription address for the family's calendar (the previous one stops working). */
    public String calendarFeed() {
        return api.call(c -> c.post().uri("/api/families/me/calendar-feed").retrieve().body(CalendarFeed.class)).url();
    }

    /** Everything held about the family, as one JSON document (RGPD: the right of access). */
    public byte[] familyExport() {
        return api.call(c -> c.get().uri("/api/families/me/export").retrieve().body(byte[].class));
    }

    public record CalendarFeed(String url) {
    }

    public record Family(UUID familyId, List<Guardian> guardians, List<Child> children) {
        public List<Child> children() {
            return children == null ? List.of() : children;
        }

        public List<Guardian> guardians() {
            return guardians == null ? List.of() : guardians;
        }
    }

    public record Guardian(String civility, String firstName, String lastName, String email) {
    }

    /** Serializable: the booking pages keep a draft's children in the browser's session. */
    public record Child(UUID childId, String firstName, String lastName, LocalDate birthDate) implements java.io.Serializable {
    }

    /** {@code allocation} and {@code wishesCloseAt}: null while the query-service does not give them. */
    public record Programme(UUID programmeId, String title, LocalDate firstDay, LocalDate lastDay, int minAge,
                            int maxAge, Instant bookingOpensAt, Instant bookingClosesAt, boolean bookingOpen,
                            String allocation, Instant wishesCloseAt) {
    }

    public record Planning(UUID programmeId, String title, List<Day> days) {
    }

    public record Day(LocalDate date, List<PeriodCell> periods) {
    }

    public record PeriodCell(String period, List<Session> sessions) {
    }

    /** {@code wishes}: the number of wishes on the session, given only during a lottery's wish window. */
    public record Session(UUID sessionId, String activity, int onlinePlacesLeft, boolean full,
                          Integer waitlistLength, Integer wishes, List<ChildCell> children) {
    }

    /** One child's state on a session: AVAILABLE, RESERVED, PERIOD_TAKEN, FULL, WAITLISTED, OFFERED, WISHED. */
    public record ChildCell(UUID childId, String state, Integer waitlistPosition, Instant offerExpiresAt, Integer rank) {
    }

    public record DemandeSummary(UUID demandeId, Long number, String status, UUID programmeId, String programmeTitle,
                                 Instant createdAt, Instant depositedAt, Instant decidedAt, int reservationCount) {
    }

    public record Demande(UUID demandeId, Long number, String status, UUID programmeId, List<Reservation> reservations,
                          Instant createdAt, Instant expiresAt, Instant depositedAt, Instant decidedAt,
                          String refusalReason, List<StatusChange> history) {
        public List<Reservation> reservations() {
            return reservations == null ? List.of() : reservations;
        }

        public List<StatusChange> history() {
            return history == null ? List.of() : history;
        }

        public boolean draft() {
            return "DRAFT".equals(status);
        }
    }

    /** A held or booked place, or in a lottery's wish window a wish ({@code status} WISHED with its {@code rank}). */
    public record Reservation(UUID childId, String childFirstName, UUID sessionId, String activity, LocalDate date,
                              String period, String status, Integer rank) {
    }

    public record StatusChange(String status, Instant at) {
    }

    public record Tracking(Long number, String status, Instant depositedAt, Instant decidedAt) {
    }

    public record Waitlist(List<WaitlistEntry> entries) {
        public List<WaitlistEntry> entries() {
            return entries == null ? List.of() : entries;
        }
    }

    public record WaitlistEntry(UUID sessionId, String activity, LocalDate date, String period, UUID childId,
                                String childFirstName, String status, Integer position, Instant offerExpiresAt) {
    }

    public record Agenda(String month, List<AgendaEntry> entries) {
        public List<AgendaEntry> entries() {
            return entries == null ? List.of() : entries;
        }
    }

    public record AgendaEntry(LocalDate date, String period, String activity, UUID sessionId, UUID childId,
                              String childFirstName, String status) {
    }
}
