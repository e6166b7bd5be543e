package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.session.Channel;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.audit.history.EventStoreHistory;
import fr.klub.query.audit.history.StoredEvent;
import fr.klub.query.audit.replay.DemandeFold;
import fr.klub.query.audit.replay.DomainEvents;
import fr.klub.query.audit.replay.SessionFold;

/**
 * "What did it look like at that instant?": folds one aggregate's events stamped at or before
 * {@code asOf} with the audit's own folds (never the command side's aggregates), straight from
 * the event store, so the answer does not depend on any read model.
 */
@Service
class TimeTravel {

    private final DataSource dataSource;
    private final EventStoreHistory history;

    TimeTravel(DataSource dataSource, EventStoreHistory history) {
        this.dataSource = dataSource;
        this.history = history;
    }

    SessionAsOf session(UUID sessionId, Instant asOf) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<StoredEvent> events = history.streamsAsOf(connection, List.of(sessionId.toString()), asOf);
            SessionFold session = new SessionFold(sessionId);
            events.forEach(event -> DomainEvents.decode(event).ifPresent(e -> session.apply(e, event.timestamp())));
            if (!session.scheduled()) {
                throw ApiProblem.notFound("Aucune séance " + sessionId + " n'existait à cette date.");
            }
            Set<String> demandeIds = new LinkedHashSet<>();
            session.online().values().forEach(place -> demandeIds.add(place.demandeId().toString()));
            Map<UUID, DemandeStatus> statuses = demandeStatuses(connection, demandeIds, asOf);
            return view(session, asOf, statuses, events);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    DemandeAsOf demande(UUID demandeId, Instant asOf) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<StoredEvent> events = history.streamsAsOf(connection, List.of(demandeId.toString()), asOf);
            DemandeFold demande = new DemandeFold(demandeId);
            events.forEach(event -> DomainEvents.decode(event).ifPresent(e -> demande.apply(e, event.timestamp())));
            if (!demande.created()) {
                throw ApiProblem.notFound("Aucune demande " + demandeId + " n'existait à cette date.");
            }
            return new DemandeAsOf(demandeId, asOf, demande.familyId(), demande.programmeId(), demande.childIds(),
                    demande.status(), demande.number() > 0 ? demande.number() : null, demande.createdAt(),
                    demande.expiresAt(), demande.depositedAt(), demande.decidedAt(), demande.refusalReason(),
                    List.copyOf(demande.reservations()), List.copyOf(demande.wishes()), List.copyOf(demande.history()),
                    events.size(),
                    lastIndex(events));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private Map<UUID, DemandeStatus> demandeStatuses(Connection connection, Set<String> demandeIds, Instant asOf)
            throws SQLException {
        Map<UUID, DemandeFold> folds = new HashMap<>();
        for (StoredEvent event : history.streamsAsOf(connection, demandeIds, asOf)) {
            UUID id = UUID.fromString(event.aggregateId());
            DomainEvents.decode(event).ifPresent(e -> folds.computeIfAbsent(id, DemandeFold::new)
                    .apply(e, event.timestamp()));
        }
        Map<UUID, DemandeStatus> statuses = new HashMap<>();
        folds.forEach((id, fold) -> statuses.put(id, fold.status()));
        return statuses;
    }

    private static SessionAsOf view(SessionFold session, Instant asOf, Map<UUID, DemandeStatus> statuses,
                                    List<StoredEvent> events) {
        List<SessionAsOf.Reservation> reservations = new ArrayList<>();
        int held = 0;
        int deposited = 0;
        int confirmed = 0;
        for (SessionFold.Place place : session.online().values()) {
            DemandeStatus status = statuses.get(place.demandeId());
            String shown = status == null ? "UNKNOWN" : switch (status) {
                case DRAFT -> "HELD";
                case DEPOSITED -> "DEPOSITED";
                case ACCEPTED -> "CONFIRMED";
                default -> status.name();
            };
            switch (shown) {
                case "HELD" -> held++;
                case "DEPOSITED" -> deposited++;
                case "CONFIRMED" -> confirmed++;
                default -> { }
            }
            reservations.add(new SessionAsOf.Reservation(place.childId(), Channel.ONLINE, place.demandeId(), shown,
                    place.since()));
        }
        for (SessionFold.Place place : session.onsite().values()) {
            reservations.add(new SessionAsOf.Reservation(place.childId(), Channel.ONSITE, null, "CONFIRMED",
                    place.since()));
        }
        int offered = session.offered();
        int online = session.onlineTaken();
        int onsite = session.onsite().size();
        List<SessionAsOf.Queued> waitlist = session.queueInOrder().stream()
                .map(queued -> new SessionAsOf.Queued(queued.entry().childId(), queued.entry().familyId(),
                        queued.entry().queuedAt(), queued.entry().offered() ? "OFFERED" : "WAITING",
                        queued.position(), queued.entry().offeredAt(), queued.entry().offerExpiresAt()))
                .toList();
        return new SessionAsOf(session.sessionId(), asOf, session.programmeId(), session.activity(), session.date(),
                session.period(), session.capacity(), session.onlineQuota(), session.onsiteQuota(),
                session.cancelled(), session.cancellationReason(),
                new SessionAsOf.Online(held, deposited, confirmed, offered, online,
                        Math.max(0, session.onlineQuota() - online)),
                new SessionAsOf.Onsite(onsite, Math.max(0, session.onsiteQuota() - onsite)),
                reservations, waitlist, events.size(), lastIndex(events));
    }

    private static long lastIndex(List<StoredEvent> events) {
        return events.isEmpty() ? -1 : events.get(events.size() - 1).globalIndex();
    }
}
