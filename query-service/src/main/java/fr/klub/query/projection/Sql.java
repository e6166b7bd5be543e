package fr.klub.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SQL that runs unchanged on H2 2.x and PostgreSQL 17: standard {@code MERGE} for upserts (typed
 * casts, so PostgreSQL knows every parameter's type), instants as UTC {@code OffsetDateTime}
 * (the PostgreSQL driver does not bind {@code Instant}).
 */
public final class Sql {

    private Sql() {
    }

    /**
     * An idempotent insert-or-update: {@code typedColumns} are "name TYPE" pairs, the first
     * {@code keyCount} of them form the key. Parameters follow the columns' order.
     */
    public static String upsert(String table, int keyCount, String... typedColumns) {
        List<String> names = Arrays.stream(typedColumns).map(column -> column.split(" ", 2)[0]).toList();
        String casts = Arrays.stream(typedColumns)
                .map(column -> "CAST(? AS " + column.split(" ", 2)[1] + ")")
                .collect(Collectors.joining(", "));
        String on = names.subList(0, keyCount).stream()
                .map(name -> "t." + name + " = s." + name)
                .collect(Collectors.joining(" AND "));
        List<String> others = names.subList(keyCount, names.size());
        String update = others.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET "
                + others.stream().map(name -> name + " = s." + name).collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING (VALUES (" + casts + ")) AS s (" + String.join(", ", names) + ")"
                + " ON " + on + update
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", names) + ") VALUES ("
                + names.stream().map(name -> "s." + name).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The instant to the microsecond, rounded half up: what a TIMESTAMP column keeps. Rounded here,
     * before writing, so that H2 and PostgreSQL store the same value and a replay can compare it.
     */
    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static LocalDate date(ResultSet row, String column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    /** The value of a nullable BIGINT column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
