package fr.klub.platform.axon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One kind of idempotent projection write: its SQL, and which of its parameters identify the one
 * row it touches (every write of a projection touches exactly one row, by its full key). Writes to
 * different rows commute, which lets {@link ProjectionWriter} send a batch's writes grouped by SQL
 * instead of one round trip each, while writes to the same row keep their order.
 *
 * @param table    the table written
 * @param sql      the statement
 * @param keyFrom  index of the first key parameter
 * @param keyCount how many parameters, from {@code keyFrom}, form the row's key
 */
public record Write(String table, String sql, int keyFrom, int keyCount) {

    /** Insert or update the row whose key is the first {@code keyCount} columns ("name TYPE" pairs). */
    public static Write upsert(String table, int keyCount, String... typedColumns) {
        return new Write(table, upsertSql(table, keyCount, typedColumns), 0, keyCount);
    }

    /** {@code UPDATE table SET <assignments> WHERE <key columns> = ?}: the key parameters come last. */
    public static Write update(String table, String assignments, String... keyColumns) {
        int setParameters = (int) assignments.chars().filter(c -> c == '?').count();
        return new Write(table, "UPDATE " + table + " SET " + assignments + " WHERE " + where(keyColumns),
                setParameters, keyColumns.length);
    }

    /** {@code DELETE FROM table WHERE <key columns> = ?}. */
    public static Write delete(String table, String... keyColumns) {
        return new Write(table, "DELETE FROM " + table + " WHERE " + where(keyColumns), 0, keyColumns.length);
    }

    /** The row this write touches, given its parameters. */
    List<Object> row(Object[] parameters) {
        List<Object> row = new ArrayList<>(keyCount + 1);
        row.add(table);
        row.addAll(Arrays.asList(parameters).subList(keyFrom, keyFrom + keyCount));
        return row;
    }

    /**
     * SQL that runs unchanged on H2 2.x and PostgreSQL 17: standard {@code MERGE}, with typed casts so
     * that PostgreSQL knows every parameter's type. Parameters follow the columns' order.
     */
    private static String upsertSql(String table, int keyCount, String... typedColumns) {
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

    private static String where(String... keyColumns) {
        return Arrays.stream(keyColumns).map(column -> column + " = ?").collect(Collectors.joining(" AND "));
    }
}
