package fr.klub.query.audit.offline;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.klub.query.audit.history.AuditJson;
import fr.klub.query.audit.history.EventStoreHistory;
import fr.klub.query.audit.history.Ndjson;
import fr.klub.query.audit.replay.InvariantChecker;
import fr.klub.query.audit.replay.VerificationReport;

/**
 * The verification replay for an auditor who does not want to touch the live system: no Spring,
 * no web server, no migration, nothing written anywhere. It reads either an NDJSON export or a
 * database (read-only connection) and prints the report as JSON.
 *
 * <pre>
 * java -cp query-service-*-exec.jar -Dloader.main=fr.klub.query.audit.offline.VerifyHistory \
 *      org.springframework.boot.loader.launch.PropertiesLauncher history.ndjson
 * ... --jdbc-url=jdbc:postgresql://host/klub --user=auditor --password-env=KLUB_DB_PASSWORD
 * </pre>
 *
 * The report lists each lottery draw of the export recomputed from the history (rule 8).
 * Exit code: 0 no violation, 1 violations found, 2 the history could not be read.
 */
public final class VerifyHistory {

    static final int CLEAN = 0;
    static final int VIOLATIONS = 1;
    static final int UNREADABLE = 2;
    private static final int PAGE = 1000;

    private VerifyHistory() {
    }

    public static void main(String[] args) {
        // The report is this tool's output, not a log line: written to the standard output in UTF-8
        // whatever the platform's default charset, so that French details survive a redirection.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        System.exit(run(args, out, err));
    }

    /** Runs the verification and writes the report; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Map<String, String> options = Stream.of(args).filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(arg -> arg.substring(2, arg.indexOf('=')),
                        arg -> arg.substring(arg.indexOf('=') + 1), (first, second) -> second));
        List<String> files = Stream.of(args).filter(arg -> !arg.startsWith("--")).toList();
        try {
            VerificationReport report;
            if (options.containsKey("jdbc-url")) {
                report = fromDatabase(options);
            } else if (files.size() == 1) {
                report = fromExport(Path.of(files.get(0)));
            } else {
                err.println("Usage : VerifyHistory <export.ndjson> | --jdbc-url=<url> [--user=<nom>]"
                        + " [--password-env=<variable contenant le mot de passe>]");
                return UNREADABLE;
            }
            out.println(AuditJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            return report.violations().isEmpty() ? CLEAN : VIOLATIONS;
        } catch (IOException | SQLException | RuntimeException unreadable) {
            err.println("Vérification impossible : " + unreadable.getMessage());
            return UNREADABLE;
        }
    }

    static VerificationReport fromExport(Path export) throws IOException {
        return replay(checker -> {
            try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                Ndjson.read(lines, checker::accept);
            }
        });
    }

    static VerificationReport fromDatabase(Map<String, String> options) throws IOException, SQLException {
        String passwordVariable = options.get("password-env");
        String password = passwordVariable == null ? null : System.getenv(passwordVariable);
        try (Connection connection = DriverManager.getConnection(options.get("jdbc-url"), options.get("user"),
                password)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(true);
            EventStoreHistory history = new EventStoreHistory(Clock.systemUTC(), Duration.ofSeconds(10), PAGE);
            long head = history.settledHead(connection);
            return replay(checker -> {
                try {
                    history.forEach(connection, -1, head, PAGE, checker::accept);
                } catch (SQLException failed) {
                    throw new IOException(failed.getMessage(), failed);
                }
            });
        }
    }

    private static VerificationReport replay(Source source) throws IOException {
        long started = System.nanoTime();
        InvariantChecker checker = new InvariantChecker();
        source.feed(checker);
        var violations = checker.finish();
        return new VerificationReport(checker.eventsReplayed(), violations, null,
                Duration.ofNanos(System.nanoTime() - started).toMillis(), checker.lastGlobalIndex(), List.of(),
                checker.draws().checked());
    }

    @FunctionalInterface
    private interface Source {
        void feed(InvariantChecker checker) throws IOException;
    }
}
