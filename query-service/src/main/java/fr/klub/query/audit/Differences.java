package fr.klub.query.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

import fr.klub.domain.demande.WishRecorded;
import fr.klub.query.audit.replay.DemandeFold;
import fr.klub.query.audit.replay.InvariantChecker;

/** Row-by-row comparison of a live table with the replay's version of it, both as key → description. */
final class Differences {

    /** Describes one row of a live table as (key, description). */
    @FunctionalInterface
    interface Row {
        String[] describe(ResultSet row) throws SQLException;
    }

    private Differences() {
    }

    static Map<String, String> read(Connection connection, String sql, Row row) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(1000);
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    String[] described = row.describe(results);
                    rows.put(described[0], described[1]);
                }
            }
        }
        return rows;
    }

    static List<String> between(String what, Map<String, String> rebuilt, Map<String, String> live) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(rebuilt.keySet());
        keys.addAll(live.keySet());
        for (String key : keys) {
            String expected = rebuilt.get(key);
            String actual = live.get(key);
            if (expected == null) {
                differences.add(what + " " + key + " : en direct « " + actual + " », absent du rejeu");
            } else if (actual == null) {
                differences.add(what + " " + key + " : rejeu « " + expected + " », absent en direct");
            } else if (!Objects.equals(expected, actual)) {
                differences.add(what + " " + key + " : rejeu « " + expected + " », en direct « " + actual + " »");
            }
        }
        return differences;
    }

    /** The replay's lottery wishes, as "demande/child/session" → "rang N". */
    static Map<String, String> wishes(InvariantChecker rebuilt, Function<DemandeFold, List<WishRecorded>> which) {
        Map<String, String> wishes = new HashMap<>();
        rebuilt.demandes().values().forEach(demande -> which.apply(demande).forEach(wish -> wishes.put(
                wish.demandeId() + "/" + wish.childId() + "/" + wish.sessionId(), "rang " + wish.rank())));
        return wishes;
    }

    /** A wishes table (demande_id, child_id, session_id, wish_rank) in the same shape. */
    static Map<String, String> wishes(Connection connection, String table) throws SQLException {
        return read(connection, "SELECT demande_id, child_id, session_id, wish_rank FROM " + table, row -> new String[] {
                id(row, "demande_id") + "/" + id(row, "child_id") + "/" + id(row, "session_id"),
                "rang " + row.getInt("wish_rank")});
    }

    /** A UUID column as text, the same on H2 and PostgreSQL. */
    static String id(ResultSet row, String column) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static String number(long number) {
        return number > 0 ? Long.toString(number) : "-";
    }

    static String number(ResultSet row, String column) throws SQLException {
        long number = row.getLong(column);
        return row.wasNull() ? "-" : number(number);
    }
}
