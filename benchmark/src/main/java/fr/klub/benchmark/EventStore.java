package fr.klub.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.PlaceReleased;

/** What the history says, read straight from domain_event_entry (JSON payloads) for the checks. */
final class EventStore {

    private final DataSource pool;

    EventStore(DataSource pool) {
        this.pool = pool;
    }

    /** Payloads of every event of a type, in history order. */
    List<JsonNode> payloads(Class<?> type) throws SQLException {
        List<JsonNode> payloads = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT convert_from(payload, 'UTF8')"
                     + " FROM domain_event_entry WHERE payload_type = ? ORDER BY global_index")) {
            select.setString(1, type.getName());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    payloads.add(Api.JSON.readTree(rows.getString(1)));
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return payloads;
    }

    /** "demande/child/session" of every ReservationAdded. */
    List<String> reservationsAdded() throws SQLException {
        return payloads(ReservationAdded.class).stream().map(p -> key(p.path("demandeId").asText(),
                p.path("childId").asText(), p.path("sessionId").asText())).toList();
    }

    /** Deposited demandes with the reservations they held when deposited. */
    Map<UUID, List<String>> deposited() throws SQLException {
        Map<UUID, List<String>> deposited = new HashMap<>();
        for (JsonNode p : payloads(DemandeDeposited.class)) {
            List<String> reservations = new ArrayList<>();
            String demande = p.path("demandeId").asText();
            p.path("reservations").forEach(r -> reservations.add(key(demande, r.path("childId").asText(),
                    r.path("sessionId").asText())));
            deposited.put(UUID.fromString(demande), reservations);
        }
        return deposited;
    }

    List<UUID> demandeIds(Class<?> type) throws SQLException {
        return payloads(type).stream().map(p -> UUID.fromString(p.path("demandeId").asText())).toList();
    }

    long count(Class<?> type) throws SQLException {
        return payloads(type).size();
    }

    /** Online places held now per session: holds minus releases. */
    Map<UUID, Long> heldPerSession() throws SQLException {
        Map<UUID, Long> held = new HashMap<>();
        payloads(OnlinePlaceHeld.class).forEach(p -> held.merge(UUID.fromString(p.path("sessionId").asText()), 1L,
                Long::sum));
        payloads(PlaceReleased.class).stream().filter(p -> "ONLINE".equals(p.path("channel").asText()))
                .forEach(p -> held.merge(UUID.fromString(p.path("sessionId").asText()), -1L, Long::sum));
        return held;
    }

    long decisions() throws SQLException {
        return count(DemandeAccepted.class) + count(DemandeRefused.class);
    }

    long expired() throws SQLException {
        return count(DemandeExpired.class);
    }

    static String key(Object demande, Object child, Object session) {
        return demande + "/" + child + "/" + session;
    }
}
