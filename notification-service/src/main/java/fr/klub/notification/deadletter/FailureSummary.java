package fr.klub.notification.deadletter;

import java.sql.SQLException;
import java.util.regex.Pattern;

import fr.klub.platform.failure.DatabaseErrors;

/**
 * What a dead letter keeps of the failure that set its event aside: enough for staff to know
 * what broke, nothing of the event's content (names, e-mail addresses). A database error keeps
 * its SQLSTATE and its first line, with quoted values and the statement cut out (PostgreSQL
 * puts values on a "Detail" line, H2 quotes them in the first one); any other failure keeps
 * only the exception's class, whose message may quote the event.
 */
final class FailureSummary {

    static final int MAX_LENGTH = 300;
    private static final Pattern QUOTED_VALUE = Pattern.compile("'(?:[^']|'')*'");

    private FailureSummary() {
    }

    static String of(Throwable failure) {
        SQLException database = null;
        Throwable root = failure;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                database = sql;
            }
            root = cause;
        }
        String summary = database == null ? root.getClass().getSimpleName() : ofDatabase(database);
        return summary.length() <= MAX_LENGTH ? summary : summary.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String ofDatabase(SQLException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String firstLine = message.lines().findFirst().orElse("");
        int statement = firstLine.indexOf("; SQL statement");
        if (statement >= 0) {
            firstLine = firstLine.substring(0, statement);
        }
        firstLine = QUOTED_VALUE.matcher(firstLine).replaceAll("'…'").strip();
        return failure.getClass().getSimpleName() + " (SQLSTATE " + DatabaseErrors.state(failure) + ") " + firstLine;
    }
}
