package fr.klub.portal.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;

/**
 * The query-service's reads for the staff's administration pages: the family search, a family's
 * export, the programmes and a programme's sessions (its planning without children).
 */
public class AdminQueryApi {

    private final ApiCaller api;

    AdminQueryApi(ApiCaller api) {
        this.api = api;
    }

    public List<QueryApi.Family> searchFamilies(String q) {
        return api.call(c -> c.get().uri("/api/staff/families?q={q}", q).retrieve()
                .body(new ParameterizedTypeReference<List<QueryApi.Family>>() { }));
    }

    /** Everything held about one family, as one JSON document (RGPD: the staff's copy of the right of access). */
    public byte[] familyExport(UUID familyId) {
        return api.call(c -> c.get().uri("/api/staff/families/{f}/export", familyId).retrieve().body(byte[].class));
    }

    public List<Programme> programmes() {
        return api.call(c -> c.get().uri("/api/programmes").retrieve()
                .body(new ParameterizedTypeReference<List<Programme>>() { }));
    }

    public Sessions sessions(UUID programmeId) {
        return api.call(c -> c.get().uri("/api/programmes/{p}/planning", programmeId).retrieve().body(Sessions.class));
    }

    public record Programme(UUID programmeId, String title, LocalDate firstDay, LocalDate lastDay, int minAge,
                            int maxAge, Instant bookingOpensAt, Instant bookingClosesAt, boolean bookingOpen,
                            int cancellationDeadlineDays, String allocation, Instant wishesCloseAt) {

        /** A lottery programme (its wishes' window ends at {@link #wishesCloseAt}). */
        public boolean lottery() {
            return "LOTTERY".equals(allocation);
        }
    }

    /** A programme's planning read for its sessions: only the days that have some. */
    public record Sessions(UUID programmeId, String title, List<Day> days) {
        public List<Day> days() {
            return days == null ? List.of() : days;
        }
    }

    public record Day(LocalDate date, List<Period> periods) {
        public List<Period> periods() {
            return periods == null ? List.of() : periods;
        }
    }

    public record Period(String period, List<Session> sessions) {
        public List<Session> sessions() {
            return sessions == null ? List.of() : sessions;
        }
    }

    public record Session(UUID sessionId, String activity, int capacity, int onlineQuota, int onlinePlacesLeft,
                          boolean full) {
    }
}
