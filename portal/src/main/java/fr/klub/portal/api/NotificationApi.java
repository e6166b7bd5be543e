package fr.klub.portal.api;

import java.time.Instant;
import java.util.List;

import org.springframework.core.ParameterizedTypeReference;

/** The notification-service's staff endpoints (api.md "Notification service"): the mail log and the retry. */
public class NotificationApi {

    private final ApiCaller api;

    NotificationApi(ApiCaller api) {
        this.api = api;
    }

    /** The e-mails of one status ({@code SENT}, {@code PENDING}, {@code FAILED}), newest first. */
    public List<Mail> mails(String status, int limit) {
        return api.call(c -> c.get().uri("/api/staff/notifications?status={s}&limit={l}", status, limit).retrieve()
                .body(new ParameterizedTypeReference<List<Mail>>() { }));
    }

    public void retry(long id) {
        api.run(c -> c.post().uri("/api/staff/notifications/{id}/retry", id).retrieve().toBodilessEntity());
    }

    public record Mail(long id, String status, String recipient, String subject, int attempts, String lastError,
                       Instant createdAt, Instant nextAttemptAt, Instant sentAt) {
    }
}
