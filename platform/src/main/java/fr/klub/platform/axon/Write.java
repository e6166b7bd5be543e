package fr.klub.platform.axon;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One kind of idempotent projection write: its SQL, and which of its parameters identify the one
 * row it touches (every write of a projection touches exactly one row, by its full key). Writes to
 * different rows commute, which lets {@link ProjectionWriter} send a batch's writes grouped by SQL
 * instead of one round trip each, while writes to the same row keep their order; upserts of different
 * rows go several in one statement ({@link #sql(int)}).
 */
public final class Write {

    private final String table;
    private final String sql;
    private final int keyFrom;
    private final int keyCount;
    /** An upsert's statement up to its source rows, one source row, and the rest; null for other writes. */
    private final String head;
    private final String rowValues;
    private final String tail;
    private final Map<Integer, String> manyRows = new ConcurrentHashMap<>();
    /** Computed once: the writer looks a write up in a map for every statement it buffers. */
    private final int hash;

    private Write(String table, String sql, int keyFrom, int keyCount, String head, String rowValues, String tail) {
        this.table = table;
        this.sql = sql;
        this.keyFrom = keyFrom;
        this.keyCount = keyCount;
        this.head = head;
        this.rowValues = rowValues;
        this.tail = tail;
        this.hash = Objects.hash(table, sql, keyFrom, keyCount);
    }

    /**
     * Insert or update the row whose key is the first {@code keyCount} columns ("name TYPE" pairs): standard
     * {@code MERGE}, which runs unchanged on H2 2.x and PostgreSQL 17, with typed casts so that PostgreSQL knows
     * every parameter's type. Parameters follow the columns' order.
     */
    public static Write upsert(String table, int keyCount, String... typedColumns) {
        List<String> names = Arrays.stream(typedColumns).map(column -> column.split(" ", 2)[0]).toList();
        String rowValues = Arrays.stream(typedColumns)
                .map(column -> "CAST(? AS " + column.split(" ", 2)[1] + ")")
                .collect(Collectors.joining(", ", "(", ")"));
        String on = names.subList(0, keyCount).stream()
                .map(name -> "t." + name + " = s." + name)
                .collect(Collectors.joining(" AND "));
        List<String> others = names.subList(keyCount, names.size());
        String update = others.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET "
                + others.stream().map(name -> name + " = s." + name).collect(Collectors.joining(", "));
        String head = "MERGE INTO " + table + " t USING (VALUES ";
        String tail = ") AS s (" + String.join(", ", names) + ")"
                + " ON " + on + update
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", names) + ") VALUES ("
                + names.stream().map(name -> "s." + name).collect(Collectors.joining(", ")) + ")";
        return new Write(table, head + rowValues + tail, 0, keyCount, head, rowValues, tail);
    }

    /** {@code UPDATE table SET <assignments> WHERE <key columns> = ?}: the key parameters come last. */
    public static Write update(String table, String assignments, String... keyColumns) {
        int setParameters = (int) assignments.chars().filter(c -> c == '?').count();
        return new Write(table, "UPDATE " + table + " SET " + assignments + " WHERE " + where(keyColumns),
                setParameters, keyColumns.length, null, null, null);
    }

    /** {@code DELETE FROM table WHERE <key columns> = ?}. */
    public static Write delete(String table, String... keyColumns) {
        return new Write(table, "DELETE FROM " + table + " WHERE " + where(keyColumns), 0, keyColumns.length,
                null, null, null);
    }

    /** The table written. */
    public String table() {
        return table;
    }

    /** The statement, for one row. */
    public String sql() {
        return sql;
    }

    /** Whether {@link #sql(int)} can write several rows in one statement. */
    boolean hasManyRows() {
        return head != null;
    }

    /**
     * The upsert of {@code rows} rows in one statement, their parameters one row after the other. The rows must
     * have different keys: a {@code MERGE} may not touch a row twice.
     */
    String sql(int rows) {
        if (head == null) {
            throw new IllegalStateException("only an upsert writes several rows in one statement");
        }
        return rows == 1 ? sql : manyRows.computeIfAbsent(rows,
                count -> head + String.join(", ", Collections.nCopies(count, rowValues)) + tail);
    }

    /** The row this write touches, given its parameters. */
    Row row(Object[] parameters) {
        return new Row(table, parameters, keyFrom, keyCount);
    }

    /**
     * A table and the values of a row's key, read in place from a write's parameters: the writer looks up every
     * buffered statement's row, and copying the key into a list and hashing the list cost a third of its flush.
     */
    static final class Row {

        private final String table;
        private final Object[] parameters;
        private final int keyFrom;
        private final int keyCount;
        private final int hash;

        Row(String table, Object[] parameters, int keyFrom, int keyCount) {
            this.table = table;
            this.parameters = parameters;
            this.keyFrom = keyFrom;
            this.keyCount = keyCount;
            int hash = table.hashCode();
            for (int i = keyFrom; i < keyFrom + keyCount; i++) {
                hash = 31 * hash + Objects.hashCode(parameters[i]);
            }
            this.hash = hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Row row) || hash != row.hash || keyCount != row.keyCount
                    || !table.equals(row.table)) {
                return false;
            }
            for (int i = 0; i < keyCount; i++) {
                if (!Objects.equals(parameters[keyFrom + i], row.parameters[row.keyFrom + i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return table + Arrays.toString(Arrays.copyOfRange(parameters, keyFrom, keyFrom + keyCount));
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Write write && hash == write.hash && sql.equals(write.sql)
                && table.equals(write.table) && keyFrom == write.keyFrom && keyCount == write.keyCount;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return sql;
    }

    private static String where(String... keyColumns) {
        return Arrays.stream(keyColumns).map(column -> column + " = ?").collect(Collectors.joining(" AND "));
    }
}
