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
