package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.SQLException;

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

    /** The live rows compared with the replay's state: the differences in words, and how many rows were compared. */
    Comparison compare(InvariantChecker rebuilt, Connection connection) throws SQLException;
}
