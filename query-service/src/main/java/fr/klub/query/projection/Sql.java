package fr.klub.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import fr.klub.platform.axon.Write;

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
        return Write.upsert(table, keyCount, typedColumns).sql();
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
