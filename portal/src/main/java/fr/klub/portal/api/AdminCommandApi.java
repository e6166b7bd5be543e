package fr.klub.portal.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;

/**
 * The command-service's staff administration endpoints (api.md "Command service", staff rows):
 * families, programmes and their sessions, the lottery's draw, accounts. Bodies are sent as the
 * pages received them: the API validates and answers in French.
 */
public class AdminCommandApi {

    private final ApiCaller api;

    AdminCommandApi(ApiCaller api) {
        this.api = api;
    }

    public RegisteredFamily registerFamily(Map<String, Object> body) {
        return api.call(c -> c.post().uri("/api/staff/families").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(RegisteredFamily.class));
    }

    /** Rectification (api.md): the guardians and the existing children with their corrected details. */
    public void rectifyFamily(UUID familyId, Map<String, Object> body) {
        api.run(c -> c.put().uri("/api/staff/families/{f}", familyId).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    public Erased eraseFamily(UUID familyId, String reason) {
        return api.call(c -> c.post().uri("/api/staff/families/{f}/erase", familyId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", reason)).retrieve().body(Erased.class));
    }

    public CreatedProgramme createProgramme(Map<String, Object> body) {
        return api.call(c -> c.post().uri("/api/staff/programmes").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(CreatedProgramme.class));
    }

    public CreatedSession addSession(UUID programmeId, NewSession session) {
        return api.call(c -> c.post().uri("/api/staff/programmes/{p}/sessions", programmeId)
                .contentType(MediaType.APPLICATION_JSON).body(session).retrieve().body(CreatedSession.class));
    }

    public Draw draw(UUID programmeId) {
        return api.call(c -> c.post().uri("/api/staff/programmes/{p}/draw", programmeId).retrieve().body(Draw.class));
    }

    public void createAccount(String username, String password, String role) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("role", role);
        api.run(c -> c.post().uri("/api/staff/accounts").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    public record RegisteredFamily(UUID familyId, List<UUID> childIds) {
    }

    public record Erased(UUID familyId, Instant erasedAt) {
    }

    public record CreatedProgramme(UUID programmeId, String allocation, String seedCommitment) {
    }

    /** {@code date} and {@code period} as the form gave them: a malformed one is the API's 400 to explain. */
    public record NewSession(String activity, String date, String period, Object capacity, Object onlineQuota) {
        public static NewSession copyOf(String activity, LocalDate date, String period, int capacity, int onlineQuota) {
            return new NewSession(activity, date.toString(), period, capacity, onlineQuota);
        }
    }

    public record CreatedSession(UUID sessionId) {
    }

    public record Draw(UUID programmeId, Instant drawnAt, String seed, String seedCommitment, List<Object> granted,
                       List<Object> waitlisted) implements java.io.Serializable {
        public int grantedCount() {
            return granted == null ? 0 : granted.size();
        }

        public int waitlistedCount() {
            return waitlisted == null ? 0 : waitlisted.size();
        }
    }
}
