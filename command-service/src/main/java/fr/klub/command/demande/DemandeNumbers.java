package fr.klub.command.demande;

import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;

/**
 * Demande numbers come from the database sequence {@code demande_number_seq}, shared by every
 * instance: unique, positive and increasing in the order deposits are numbered.
 * <p>
 * A number is drawn only for a demande that is still this family's draft, so that a repeated
 * deposit returns the number it already got without drawing another. Numbers may still have gaps
 * (a deposit that draws a number and then fails, e.g. because two deposits of the same draft raced,
 * or the draft expired in between): sequences never give a number back, and that is accepted.
 */
@Component
public class DemandeNumbers {

    private static final Set<String> NOT_DRAFT = Set.of(DemandeDeposited.class.getName(),
            DemandeAccepted.class.getName(), DemandeRefused.class.getName(), DemandeCancelled.class.getName(),
            DemandeExpired.class.getName());

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final String nextValueSql;

    DemandeNumbers(JdbcTemplate jdbc, EventStore eventStore, DataSource dataSource) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
        this.nextValueSql = product.toLowerCase().contains("postgres")
                ? "SELECT nextval('demande_number_seq')"
                : "SELECT NEXT VALUE FOR demande_number_seq";
    }

    /**
     * @return a fresh number when the demande is a draft of this family (or any family's, for
     *         {@code familyId == null}); 0 otherwise — the domain then answers with the existing
     *         receipt or the right refusal without consuming a number
     */
    long numberFor(UUID demandeId, UUID familyId) {
        if (!isDraftOf(demandeId, familyId)) {
            return 0;
        }
        return draw();
    }

    /**
     * A fresh number, whatever the demande: for a deposit that the domain decides in one unit of
     * work (a waiting-list offer accepted), where a repeat answers with its first receipt and
     * leaves this number unused.
     */
    public long draw() {
        Long next = jdbc.queryForObject(nextValueSql, Long.class);
        if (next == null || next <= 0) {
            throw new IllegalStateException("demande_number_seq returned no positive number");
        }
        return next;
    }

    /** Reads the demande's own short stream (no snapshot, no read model: always current). */
    private boolean isDraftOf(UUID demandeId, UUID familyId) {
        DomainEventStream stream = eventStore.readEvents(demandeId.toString(), 0);
        boolean draft = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            String type = event.getPayloadType().getName();
            if (DemandeCreated.class.getName().equals(type)) {
                UUID owner = ((DemandeCreated) event.getPayload()).familyId();
                if (familyId != null && !familyId.equals(owner)) {
                    return false;
                }
                draft = true;
            } else if (NOT_DRAFT.contains(type)) {
                return false;
            }
        }
        return draft;
    }
}
