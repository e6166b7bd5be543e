package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;

import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.platform.web.ApiProblem;
import fr.klub.query.audit.history.EventStoreHistory;
import fr.klub.query.audit.history.StoredEvent;
import fr.klub.query.audit.replay.DomainEvents;
import fr.klub.query.audit.replay.DrawProof;
import fr.klub.query.audit.replay.InvariantChecker;

/**
 * The draw's proof (api.md, {@code GET /api/audit/programmes/{id}/draw}): the programme's stream says
 * whether and where in the history it was drawn; the verification replay then runs from the first
 * event up to the draw, and rule 8's recomputation ({@code LotteryDraws}) gives the answer. Only the
 * event store is read, never a read model, so the proof is the one {@code POST /api/audit/verify}
 * judges.
 */
@Service
class DrawAudit {

    static final String NOT_DRAWN = "LOTTERY_NOT_DRAWN";

    private final DataSource dataSource;
    private final EventStoreHistory history;
    private final AuditProperties properties;

    DrawAudit(DataSource dataSource, EventStoreHistory history, AuditProperties properties) {
        this.dataSource = dataSource;
        this.history = history;
        this.properties = properties;
    }

    DrawProof proofOf(UUID programmeId) throws SQLException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            long drawIndex = drawIndex(history.streamsAsOf(connection, List.of(programmeId.toString()),
                    Instant.now()));
            InvariantChecker replay = new InvariantChecker();
            history.forEach(connection, -1, drawIndex, properties.pageSize(), replay::accept);
            return replay.draws().proofOf(programmeId)
                    .orElseThrow(() -> new IllegalStateException("the replay up to the draw met no draw"));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The global index of the programme's draw; refused when there is none to check. */
    private static long drawIndex(List<StoredEvent> programme) {
        boolean known = false;
        boolean lottery = false;
        for (StoredEvent event : programme) {
            Object payload = DomainEvents.decode(event).orElse(null);
            known |= payload instanceof ProgrammeCreated;
            lottery |= payload instanceof LotteryAnnounced;
            if (payload instanceof LotteryDrawn) {
                return event.globalIndex();
            }
        }
        if (!known && !lottery) {
            throw ApiProblem.notFound("Programme inconnu.");
        }
        if (!lottery) {
            throw ApiProblem.notFound("Ce programme n'est pas attribué par tirage au sort : il n'a pas de tirage à vérifier.");
        }
        throw ApiProblem.conflict(NOT_DRAWN, "Le tirage au sort de ce programme n'a pas encore eu lieu : sa graine n'est"
                + " pas encore révélée, seul son engagement est publié.");
    }
}
