package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import fr.klub.query.audit.replay.InvariantChecker;

/**
 * One live read model of the query-service that the verification replay compares with what it
 * rebuilt. Each read model the service owns contributes one bean; the verification asks them all.
 */
interface LiveReadModel {

    /** Name shown in the report (the table or projection). */
    String name();

    /** The processing group that maintains it, whose dead letters explain a difference. */
    String processingGroup();

    /** The differences, in words, between the live rows and the replay's state; empty when they agree. */
    List<String> differences(InvariantChecker rebuilt, Connection connection) throws SQLException;
}
