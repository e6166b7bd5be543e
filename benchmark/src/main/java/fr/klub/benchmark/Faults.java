package fr.klub.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault checks, each on a fresh system: (a) the command-service killed with SIGKILL in the
 * middle of a rush and restarted; (b) the database stopped for a few seconds under load; (c) the
 * query and notification services killed during a rush and restarted. Results go to
 * docs/faults.json and the table of docs/faults.md.
 */
final class Faults {

    private static final Logger log = LoggerFactory.getLogger(Faults.class);
    private static final int FAMILIES = 150;
    private static final int PER_CHILD = 3;
    private static final int THREADS = 16;

    private final Settings settings;

    Faults(Settings settings) {
        this.settings = new Settings(settings.scale(), settings.repositoryRoot(), settings.work(), settings.fsync(),
                settings.jvmOptions(), "PT30S", settings.credentialsCacheTtl(), "1s", "PT20S", settings.hotBursts(),
                settings.hotAttempts(), settings.hotPlaces(), settings.rushFamilies(), settings.rushSessions(),
                settings.sessionsPerChild(), settings.rushCapacity(), settings.clientThreads(),
                settings.baselinePool(), settings.setupThreads(), settings.lagSessions(), settings.replayEvents(),
                settings.lotteryFamilies(), settings.lotterySessions(), settings.lotteryOnlinePlaces());
    }

    /** Runs the checks named in {@code only} ("abc": all); the others keep their last results. */
    void runAll(String only) throws IOException {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("startedAt", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        results.put("settings", Map.of("families", FAMILIES, "childrenPerFamily", 2, "reservationsPerChild", PER_CHILD,
                "clientThreads", THREADS, "draftTimeout", settings.draftTimeout(), "postgresFsync", settings.fsync(),
                "notificationClaimTimeout", settings.mailClaimTimeout()));
        Map<String, Object> previous = previous();
        results.put("commandServiceKilled", only.contains("a") ? check("a", this::commandServiceKilled)
                : previous.get("commandServiceKilled"));
        results.put("databaseStopped", only.contains("b") ? check("b", this::databaseStopped)
                : previous.get("databaseStopped"));
        results.put("readersKilled", only.contains("c") ? check("c", this::readersKilled)
                : previous.get("readersKilled"));
        results.put("finishedAt", Instant.now().toString());
        write(results);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> previous() throws IOException {
        Path json = settings.repositoryRoot().resolve("docs").resolve("faults.json");
        return Files.exists(json) ? Api.JSON.readValue(json.toFile(), Map.class) : Map.of();
    }

    private interface Check {
        void run(KlubSystem klub, Map<String, Object> result) throws Exception;
    }

    private Map<String, Object> check(String name, Check check) {
        Map<String, Object> result = new LinkedHashMap<>();
        log.info("Fault check {}", name);
        try (KlubSystem klub = KlubSystem.create(settings, settings.work().resolve("fault-" + name))) {
            for (ServiceProcess service : klub.services()) {
                service.start();
            }
            check.run(klub, result);
        } catch (Exception failure) {
            log.error("Fault check {} failed to run", name, failure);
            result.put("error", failure.toString());
            result.put("passed", false);
        }
        log.info("Fault check {}: {}", name, result);
        return result;
    }

    // --- (a) ---------------------------------------------------------------------------------------

    private void commandServiceKilled(KlubSystem klub, Map<String, Object> result) throws Exception {
        Population population = new Population(klub);
        Population.Programme programme = population.programme("Panne du service de commandes", 0, 20, 3, 60, null);
        List<Population.Family> families = population.families("a", FAMILIES, 4);
        FaultRush rush = new FaultRush(klub);
        long[] downMillis = new long[1];
        Thread fault = whenHalfway(rush, () -> {
            log.info("kill -9 command-service");
            klub.command.kill();
            long begin = System.nanoTime();
            klub.command.start();
            downMillis[0] = (System.nanoTime() - begin) / 1_000_000;
        });
        rush.run(families, programme, PER_CHILD, 4, false, THREADS);
        fault.join();
        result.put("restartToHealthyMs", downMillis[0]);
        result.put("outcomes", rush.outcomes.asMap());

        var pool = klub.database.pool("faults", 2);
        klub.closeLater(pool);
        EventStore store = new EventStore(pool);
        // Drafts with places that were never deposited must expire and give their places back.
        Set<UUID> withHolds = new HashSet<>();
        rush.held.forEach(key -> withHolds.add(UUID.fromString(key.substring(0, 36))));
        store.reservationsAdded().forEach(key -> withHolds.add(UUID.fromString(key.substring(0, 36))));
        Map<UUID, List<String>> deposited = store.deposited();
        Set<UUID> abandoned = new HashSet<>(withHolds);
        abandoned.removeAll(deposited.keySet());
        long deadline = System.nanoTime() + 180_000_000_000L;
        Set<UUID> expired = new HashSet<>(store.demandeIds(fr.klub.domain.demande.DemandeExpired.class));
        while (!expired.containsAll(abandoned) && System.nanoTime() < deadline) {
            Pause.millis(1000);
            expired = new HashSet<>(store.demandeIds(fr.klub.domain.demande.DemandeExpired.class));
        }
        Set<UUID> notExpired = new HashSet<>(abandoned);
        notExpired.removeAll(expired);
        result.put("abandonedDraftsWithHolds", abandoned.size());
        result.put("abandonedDraftsNotExpired", notExpired.size());

        Set<String> stored = new HashSet<>(store.reservationsAdded());
        long lost = rush.held.stream().filter(key -> !stored.contains(key)).count();
        long lostDeposits = rush.deposited.stream().filter(id -> !deposited.containsKey(id)).count();
        result.put("reservations2xx", rush.held.size());
        result.put("reservations2xxMissingFromHistory", lost);
        result.put("deposits2xx", rush.deposited.size());
        result.put("deposits2xxMissingFromHistory", lostDeposits);
        long missingInReadModel = missingFromReadModels(klub, rush);
        result.put("deposited2xxReservationsMissingFromReadModels", missingInReadModel);
        // Places now held per session = the deposited demandes' reservations: the rest came back.
        Map<UUID, Long> held = store.heldPerSession();
        Map<UUID, Long> expected = new java.util.HashMap<>();
        deposited.values().forEach(list -> list.forEach(key -> expected.merge(UUID.fromString(key.substring(74)), 1L,
                Long::sum)));
        long sessionsWrong = programme.sessions().stream().filter(session -> !held.getOrDefault(session.sessionId(), 0L)
                .equals(expected.getOrDefault(session.sessionId(), 0L))).count();
        long overbooked = programme.sessions().stream()
                .filter(session -> held.getOrDefault(session.sessionId(), 0L) > session.onlineQuota()).count();
        result.put("sessionsWhosePlacesDidNotComeBack", sessionsWrong);
        result.put("sessionsOverbooked", overbooked);
        long gridWrong = gridDisagreements(klub, programme, expected);
        result.put("planningGridDisagreements", gridWrong);
        Map<String, Object> audit = verify(klub);
        result.put("auditVerify", audit);
        result.put("passed", lost == 0 && lostDeposits == 0 && missingInReadModel == 0 && notExpired.isEmpty()
                && sessionsWrong == 0 && overbooked == 0 && gridWrong == 0 && clean(audit));
    }

    // --- (b) ---------------------------------------------------------------------------------------

    private void databaseStopped(KlubSystem klub, Map<String, Object> result) throws Exception {
        Population population = new Population(klub);
        Population.Programme all = population.programme("Panne de la base", 0, 21, 3, 60, null);
        // The last session is kept free for a booking after the recovery.
        Population.Programme programme = new Population.Programme(all.programmeId(), all.sessions().subList(0, 20));
        Population.Programme spare = new Population.Programme(all.programmeId(), all.sessions().subList(20, 21));
        List<Population.Family> families = population.families("b", FAMILIES, 4);
        FaultRush rush = new FaultRush(klub);
        Map<String, Object> recovery = new LinkedHashMap<>();
        Thread fault = whenHalfway(rush, () -> {
            log.info("Stopping PostgreSQL");
            klub.database.stop();
            Pause.millis(5000);
            klub.database.restart();
            long begin = System.nanoTime();
            for (ServiceProcess service : klub.services()) {
                service.awaitHealthy(java.time.Duration.ofMinutes(2));
                recovery.put(service.name() + "HealthyAfterRestartMs", (System.nanoTime() - begin) / 1_000_000);
            }
        });
        rush.run(families, programme, PER_CHILD, 0, true, THREADS);
        fault.join();
        result.put("databaseDownSeconds", 5);
        result.put("recovery", recovery);
        result.put("outcomes", rush.outcomes.asMap());
        long breaches = rush.contractBreaches();
        result.put("failedAnswersBreakingTheErrorContract", breaches);
        // A booking after the outage goes through.
        List<Population.Family> late = population.families("b-after", 1, 1);
        FaultRush after = new FaultRush(klub);
        after.run(late, spare, 1, 0, false, 1);
        result.put("bookingAfterRecovery", after.outcomes.asMap());
        var pool = klub.database.pool("faults", 2);
        klub.closeLater(pool);
        EventStore store = new EventStore(pool);
        Set<String> stored = new HashSet<>(store.reservationsAdded());
        long lost = rush.held.stream().filter(key -> !stored.contains(key)).count();
        Map<UUID, List<String>> deposited = store.deposited();
        long lostDeposits = rush.deposited.stream().filter(id -> !deposited.containsKey(id)).count();
        Set<UUID> decided = new HashSet<>(store.demandeIds(fr.klub.domain.demande.DemandeAccepted.class));
        long lostDecisions = rush.decided.stream().filter(id -> !decided.contains(id)).count();
        result.put("reservations2xx", rush.held.size());
        result.put("reservations2xxMissingFromHistory", lost);
        result.put("deposits2xxMissingFromHistory", lostDeposits);
        result.put("decisions2xxMissingFromHistory", lostDecisions);
        Map<String, Object> audit = verify(klub);
        result.put("auditVerify", audit);
        result.put("passed", breaches == 0 && lost == 0 && lostDeposits == 0 && lostDecisions == 0
                && after.outcomes.get("reserve 2xx") == 2 && clean(audit));
    }

    // --- (c) ---------------------------------------------------------------------------------------

    private void readersKilled(KlubSystem klub, Map<String, Object> result) throws Exception {
        Population population = new Population(klub);
        Population.Programme programme = population.programme("Panne des lecteurs", 0, 20, 3, 60, null);
        List<Population.Family> families = population.families("c", FAMILIES, 4);
        FaultRush rush = new FaultRush(klub);
        Thread fault = whenHalfway(rush, () -> {
            log.info("kill -9 query-service and notification-service");
            klub.query.kill();
            klub.notification.kill();
            Pause.millis(5000);
            klub.query.start();
            klub.notification.start();
        });
        rush.run(families, programme, PER_CHILD, 0, true, THREADS);
        fault.join();
        result.put("outcomes", rush.outcomes.asMap());
        new Replay(klub).awaitHead(300);
        Map<String, Object> audit = verify(klub);
        result.put("auditVerify", audit);
        var pool = klub.database.pool("faults", 2);
        klub.closeLater(pool);
        EventStore store = new EventStore(pool);
        long expectedMails = store.count(fr.klub.domain.demande.DemandeDeposited.class) + store.decisions();
        // Until every mail is out: also a mail whose sending the kill cut short, which the restarted
        // service sends once its dead predecessor's claim has expired (a duplicate, if the sink had it).
        long deadline = System.nanoTime() + 120_000_000_000L;
        while ((klub.smtp.getReceivedMessages().length < expectedMails || unsentRows(pool) > 0)
                && System.nanoTime() < deadline) {
            Pause.millis(500);
        }
        Pause.millis(3000);
        MimeMessage[] mails = klub.smtp.getReceivedMessages();
        Set<String> ids = new HashSet<>();
        List<String> duplicated = new ArrayList<>();
        for (MimeMessage mail : mails) {
            if (!ids.add(mail.getMessageID())) {
                duplicated.add(mail.getMessageID());
            }
        }
        Map<String, Integer> attempts = sendingAttempts(pool);
        // A mail the SMTP server had accepted when the kill fell, before the service learnt it: its
        // row's first attempt died with the service and the second sent it again (same Message-ID).
        // One sender thread, so at most one such mail; any other duplicate is a defect.
        List<String> inFlightAtTheKill = duplicated.stream()
                .filter(id -> Integer.valueOf(2).equals(attempts.get(localPart(id)))).toList();
        long duplicates = mails.length - ids.size();
        result.put("depositsAndDecisionsInHistory", expectedMails);
        result.put("mailsReceived", mails.length);
        result.put("distinctMessageIds", ids.size());
        result.put("missingMails", Math.max(0, expectedMails - ids.size()));
        result.put("duplicateMails", duplicates);
        result.put("duplicatesInFlightAtTheKill", inFlightAtTheKill.size());
        result.put("duplicatedMessageIds", duplicated);
        result.put("passed", clean(audit) && ids.size() == expectedMails
                && duplicates == inFlightAtTheKill.size() && duplicates <= 1);
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Sending attempts of every notification row, by the local part of the Message-ID the service gives it. */
    private static Map<String, Integer> sendingAttempts(DataSource pool) throws SQLException {
        Map<String, Integer> attempts = new HashMap<>();
        try (var connection = pool.getConnection();
             var select = connection.prepareStatement("SELECT event_id, template, addressee, attempts FROM notification");
             var rows = select.executeQuery()) {
            while (rows.next()) {
                String key = (rows.getString(1) + "." + rows.getString(2) + "." + rows.getString(3))
                        .replaceAll("[^A-Za-z0-9._-]", "-");
                attempts.put(key, rows.getInt(4));
            }
        }
        return attempts;
    }

    private static long unsentRows(DataSource pool) throws SQLException {
        try (var connection = pool.getConnection();
             var select = connection.prepareStatement("SELECT COUNT(*) FROM notification WHERE status <> 'SENT'");
             var rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String localPart(String messageId) {
        String bare = messageId.startsWith("<") ? messageId.substring(1) : messageId;
        int at = bare.indexOf('@');
        return at < 0 ? bare : bare.substring(0, at);
    }

    /** Runs the fault on its own thread once a third of the families are through. */
    private static Thread whenHalfway(FaultRush rush, Runnable fault) {
        Thread thread = new Thread(() -> {
            while (rush.familiesDone.get() < FAMILIES / 3) {
                Pause.millis(20);
            }
            fault.run();
        }, "fault");
        thread.start();
        return thread;
    }

    private static Map<String, Object> verify(KlubSystem klub) {
        new Replay(klub).awaitHead(300);
        JsonNode verification = klub.api.postOk(klub.q("/api/audit/verify"), klub.auditor, null);
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("eventsReplayed", verification.path("eventsReplayed").asLong());
        audit.put("violations", verification.path("violations").size());
        audit.put("readModelsMatchLive", verification.path("readModelsMatchLive").asBoolean());
        return audit;
    }

    private static boolean clean(Map<String, Object> audit) {
        return ((Number) audit.get("violations")).longValue() == 0 && Boolean.TRUE.equals(audit.get("readModelsMatchLive"));
    }

    /** Deposited demandes as their parents read them: every 2xx hold must be there. */
    private static long missingFromReadModels(KlubSystem klub, FaultRush rush) {
        long missing = 0;
        for (UUID demandeId : rush.deposited) {
            Population.Family family = rush.drafts.get(demandeId);
            JsonNode demande = klub.api.getOk(klub.q("/api/demandes/" + demandeId), family.login());
            Set<String> shown = new HashSet<>();
            demande.path("reservations").forEach(r -> shown.add(EventStore.key(demandeId, r.path("childId").asText(),
                    r.path("sessionId").asText())));
            missing += rush.held.stream().filter(key -> key.startsWith(demandeId.toString()))
                    .filter(key -> !shown.contains(key)).count();
        }
        return missing;
    }

    /** Sessions whose online places left in the staff's grid differ from quota − deposited holds. */
    private static long gridDisagreements(KlubSystem klub, Population.Programme programme, Map<UUID, Long> expected) {
        JsonNode grid = klub.api.getOk(klub.q("/api/programmes/" + programme.programmeId() + "/planning"), klub.staff);
        long wrong = 0;
        Map<String, Population.Session> sessions = new java.util.HashMap<>();
        programme.sessions().forEach(session -> sessions.put(session.sessionId().toString(), session));
        for (JsonNode day : grid.path("days")) {
            for (JsonNode period : day.path("periods")) {
                for (JsonNode cell : period.path("sessions")) {
                    Population.Session session = sessions.get(cell.path("sessionId").asText());
                    long left = session.onlineQuota() - expected.getOrDefault(session.sessionId(), 0L);
                    if (cell.path("onlinePlacesLeft").asLong() != left) {
                        wrong++;
                    }
                }
            }
        }
        return wrong;
    }

    private void write(Map<String, Object> results) throws IOException {
        Path docs = settings.repositoryRoot().resolve("docs");
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("faults.json"),
                Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run of %s → %s, load average at start %s. Every figure: "
                + "[faults.json](faults.json).%n%n", results.get("startedAt"), results.get("finishedAt"),
                results.get("loadAverageAtStart")));
        md.append("| fault | passed | what was checked (figures) |\n|---|---|---|\n");
        Consumer<String> row = key -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> check = (Map<String, Object>) results.get(key);
            Map<String, Object> figures = new LinkedHashMap<>(check);
            Object passed = figures.remove("passed");
            figures.remove("outcomes");
            md.append("| ").append(key).append(" | ").append(Boolean.TRUE.equals(passed) ? "yes" : "**no**")
                    .append(" | ").append(figures.toString().replace("|", "/")).append(" |\n");
        };
        List.of("commandServiceKilled", "databaseStopped", "readersKilled").forEach(row);
        Path markdown = docs.resolve("faults.md");
        String table = Report.START + "\n" + md + Report.END;
        String existing = Files.exists(markdown) ? Files.readString(markdown)
                : "# Fault checks\n\n" + Report.START + "\n" + Report.END + "\n";
        int start = existing.indexOf(Report.START);
        int end = existing.indexOf(Report.END);
        Files.writeString(markdown, start < 0 || end < 0 ? existing + "\n" + table + "\n"
                : existing.substring(0, start) + table + existing.substring(end + Report.END.length()));
    }
}
