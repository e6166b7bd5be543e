package fr.klub.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import fr.klub.benchmark.LotteryFairness.Place;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.lottery.LotteryAllocator;
import fr.klub.domain.lottery.LotteryWish;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.eventstore.AxonSchemas;
import fr.klub.platform.eventstore.KlubSerializers;

/**
 * The lottery's draw at scale (issue 15): families × 2 children × 6 ranked wishes (3 half-days, a
 * 1st and a 2nd choice in each) over the programme's sessions, 5 sessions per half-day with uneven
 * popularity; in every other family the younger child wishes exactly what the elder does (siblings
 * rule). The wish window is written as history (docs/benchmark.md says why), then measured:
 * <ol>
 * <li>the allocation alone ({@link LotteryAllocator}, in this JVM, on the same wishes and seed);</li>
 * <li>staff's {@code POST /api/staff/programmes/{id}/draw}: the command-service reads the entries,
 * allocates and records the draw, in one unit of work, and answers;</li>
 * <li>until the read side shows every hold and every waiting list of the draw: the command-service
 * applies them after the answer, in batches of small steps, each in its own unit of work;</li>
 * <li>until every family's result letter reached the SMTP sink;</li>
 * <li>fairness figures from the draw's answer, and whether this JVM's allocation reproduces it.</li>
 * </ol>
 */
final class LotteryPhase {

    private static final Logger log = LoggerFactory.getLogger(LotteryPhase.class);
    static final int SESSIONS_PER_HALF_DAY = 5;
    static final int HALF_DAYS_PER_CHILD = 3;
    private static final Period[] PERIODS = {Period.MATIN, Period.APRES_MIDI};
    /** Popularity of a half-day's five sessions: the first is wished five times as often as the last. */
    private static final int[] POPULARITY = {5, 3, 2, 1, 1};
    private static final long FIRST_NUMBER = 70_000_000L;
    private static final String RESULT_SUBJECT = "Résultat du tirage";

    record Session(UUID sessionId, LocalDate date, Period period) {
    }

    record Entry(UUID familyId, UUID demandeId, List<Child> children, List<LotteryWish> wishes) {
    }

    private final KlubSystem klub;
    private final DataSource pool;
    private final Settings settings;
    private final JdbcEventStorageEngine engine;
    private final TransactionManager transactions;
    private final Map<String, Integer> bySubject = new HashMap<>();

    LotteryPhase(KlubSystem klub, DataSource pool, Settings settings) {
        this.klub = klub;
        this.pool = pool;
        this.settings = settings;
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(pool));
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(pool))
                .transactionManager(transactions)
                .eventSerializer(KlubSerializers.jacksonSerializer())
                .snapshotSerializer(KlubSerializers.jacksonSerializer())
                .schema(AxonSchemas.eventSchema())
                .dataType(byte[].class)
                .build();
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        int families = settings.lotteryFamilies();
        int sessionCount = settings.lotterySessions();
        UUID programmeId = UUID.randomUUID();
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        LocalDate first = Population.firstDay().plusDays(60);
        List<Session> sessions = sessions(first, sessionCount);
        List<Entry> entries = entries(families, sessions, first);
        List<LotteryWish> wishes = entries.stream().flatMap(entry -> entry.wishes().stream()).toList();
        Map<UUID, Integer> places = new HashMap<>();
        sessions.forEach(session -> places.put(session.sessionId(), settings.lotteryOnlinePlaces()));
        result.put("families", families);
        result.put("children", 2 * families);
        result.put("wishes", wishes.size());
        result.put("sessions", sessionCount);
        result.put("onlinePlacesPerSession", settings.lotteryOnlinePlaces());
        result.put("onlinePlaces", sessionCount * settings.lotteryOnlinePlaces());

        long writeBegin = System.nanoTime();
        long events = write(programmeId, seed, first, sessions, entries);
        result.put("historyEventsWritten", events);
        result.put("historyWriteSeconds", Latencies.round((System.nanoTime() - writeBegin) / 1e9));
        log.info("Lottery: {} families, {} wishes written as {} events", families, wishes.size(), events);

        DrawOutcome local = timeAllocation(seed, wishes, places, result);

        // The deposits' letters (one per family) are still going out: the result letters queue behind them.
        result.put("depositMailsSentBeforeDraw", mailsWith("Votre demande N°"));
        long drawBegin = System.nanoTime();
        Api.Answer answer = klub.api.post(klub.c("/api/staff/programmes/" + programmeId + "/draw"), klub.staff, null,
                Duration.ofMinutes(30));
        double drawSeconds = (System.nanoTime() - drawBegin) / 1e9;
        result.put("drawStatus", answer.status());
        result.put("drawRecordedSeconds", Latencies.round(drawSeconds));
        log.info("Lottery: draw answered {} in {} s", answer.status(), drawSeconds);
        if (!answer.ok()) {
            result.put("drawError", answer.body() == null ? "" : answer.body().substring(0, Math.min(500, answer.body().length())));
            return result;
        }
        JsonNode drawn = answer.json();
        List<Place> granted = new ArrayList<>();
        drawn.get("granted").forEach(place -> granted.add(new Place(UUID.fromString(place.get("childId").asText()),
                UUID.fromString(place.get("sessionId").asText()))));
        result.put("granted", granted.size());
        result.put("waitlisted", drawn.get("waitlisted").size());
        result.put("reproducedInThisJvm", reproduces(local, granted, drawn.get("waitlisted").size()));

        Aftermath aftermath = awaitAftermath(drawn, families, drawBegin, Duration.ofMinutes(30));
        result.put("appliedSessions", aftermath.appliedSessions());
        result.put("sessionsToApply", aftermath.sessions());
        result.put("lastStepCommittedSecondsAfterDrawStart", aftermath.stepsSeconds());
        result.put("allHoldsAndWaitlistsAppliedSecondsAfterDrawStart", aftermath.appliedSeconds());
        result.put("resultMailsExpected", families);
        result.put("resultMailsReceived", mailsWith(RESULT_SUBJECT));
        result.put("allResultMailsSecondsAfterDrawStart", aftermath.mailsSeconds());
        result.put("fairness", LotteryFairness.of(wishes, granted));
        log.info("Lottery: {}", result);
        return result;
    }

    /**
     * The allocation alone, once cold and three times warm: wall time, and the allocating thread's
     * CPU time, which a machine shared with other loads does not inflate.
     */
    private static DrawOutcome timeAllocation(byte[] seed, List<LotteryWish> wishes, Map<UUID, Integer> places,
                                              Map<String, Object> result) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        DrawOutcome outcome = null;
        for (int run = 0; run < 4; run++) {
            long begin = System.nanoTime();
            long cpuBegin = threads.getCurrentThreadCpuTime();
            outcome = LotteryAllocator.allocate(seed, wishes, places);
            cpu.add(Latencies.round((threads.getCurrentThreadCpuTime() - cpuBegin) / 1e9));
            wall.add(Latencies.round((System.nanoTime() - begin) / 1e9));
        }
        result.put("allocationSecondsColdThenWarm", wall);
        result.put("allocationSecondsWarmBest", wall.subList(1, 4).stream().min(Double::compare).orElseThrow());
        result.put("allocationCpuSecondsColdThenWarm", cpu);
        log.info("Lottery: allocation in {} s (CPU {} s)", wall, cpu);
        return outcome;
    }

    /** {@code ./benchmark.sh lottery --allocation-only}: the wishes and the allocation's time, no services. */
    static Map<String, Object> allocationOnly(Settings settings) {
        Map<String, Object> result = new LinkedHashMap<>();
        LocalDate first = Population.firstDay().plusDays(60);
        List<Session> sessions = sessions(first, settings.lotterySessions());
        List<LotteryWish> wishes = entries(settings.lotteryFamilies(), sessions, first).stream()
                .flatMap(entry -> entry.wishes().stream()).toList();
        Map<UUID, Integer> places = new HashMap<>();
        sessions.forEach(session -> places.put(session.sessionId(), settings.lotteryOnlinePlaces()));
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        result.put("families", settings.lotteryFamilies());
        result.put("wishes", wishes.size());
        DrawOutcome outcome = timeAllocation(seed, wishes, places, result);
        result.put("granted", outcome.granted().size());
        result.put("waitlisted", outcome.waitlisted().size());
        // the fairness of the allocation itself, at full size, even where applying the draw does not finish
        result.put("fairness", LotteryFairness.of(wishes, outcome.granted().stream()
                .map(grant -> new Place(grant.childId(), grant.sessionId())).toList()));
        return result;
    }

    /** 5 sessions on each (day, period) half-day, mornings and afternoons from {@code first}. */
    private static List<Session> sessions(LocalDate first, int count) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int halfDay = i / SESSIONS_PER_HALF_DAY;
            sessions.add(new Session(UUID.randomUUID(), first.plusDays(halfDay / 2), PERIODS[halfDay % 2]));
        }
        return sessions;
    }

    private static List<Entry> entries(int families, List<Session> sessions, LocalDate first) {
        Random random = new Random(15);
        int halfDays = sessions.size() / SESSIONS_PER_HALF_DAY;
        List<Entry> entries = new ArrayList<>();
        for (int f = 0; f < families; f++) {
            UUID familyId = UUID.randomUUID();
            UUID demandeId = UUID.randomUUID();
            List<Child> children = List.of(
                    new Child(UUID.randomUUID(), "Aîné", "TIRAGE" + f, first.minusYears(10)),
                    new Child(UUID.randomUUID(), "Cadet", "TIRAGE" + f, first.minusYears(9)));
            List<LotteryWish> wishes = new ArrayList<>();
            List<int[]> elderChoices = choices(random, halfDays);
            List<int[]> youngerChoices = f % 2 == 0 ? elderChoices : choices(random, halfDays);
            addWishes(wishes, demandeId, familyId, children.get(0).childId(), elderChoices, sessions);
            addWishes(wishes, demandeId, familyId, children.get(1).childId(), youngerChoices, sessions);
            entries.add(new Entry(familyId, demandeId, children, wishes));
        }
        return entries;
    }

    /** Three distinct half-days, and in each a 1st and a different 2nd choice by popularity. */
    private static List<int[]> choices(Random random, int halfDays) {
        Set<Integer> chosen = new HashSet<>();
        List<int[]> choices = new ArrayList<>();
        while (chosen.size() < Math.min(HALF_DAYS_PER_CHILD, halfDays)) {
            int halfDay = random.nextInt(halfDays);
            if (chosen.add(halfDay)) {
                int firstChoice = popular(random, -1);
                choices.add(new int[] {halfDay, firstChoice, popular(random, firstChoice)});
            }
        }
        return choices;
    }

    private static int popular(Random random, int except) {
        int total = 0;
        for (int k = 0; k < POPULARITY.length; k++) {
            total += k == except ? 0 : POPULARITY[k];
        }
        int pick = random.nextInt(total);
        for (int k = 0; k < POPULARITY.length; k++) {
            if (k == except) {
                continue;
            }
            pick -= POPULARITY[k];
            if (pick < 0) {
                return k;
            }
        }
        throw new IllegalStateException();
    }

    private static void addWishes(List<LotteryWish> wishes, UUID demandeId, UUID familyId, UUID childId,
                                  List<int[]> choices, List<Session> sessions) {
        for (int[] choice : choices) {
            for (int rank = 1; rank <= 2; rank++) {
                Session session = sessions.get(choice[0] * SESSIONS_PER_HALF_DAY + choice[rank]);
                wishes.add(new LotteryWish(demandeId, familyId, childId, session.sessionId(), session.date(),
                        session.period(), rank));
            }
        }
    }

    /**
     * The wish window as the command side would have written it: the programme (its seed kept in
     * {@code lottery_seeds}, its commitment in the history), the sessions, each family registered
     * (with its children's {@code child_directory} rows, which the command side writes in the
     * registration's transaction), its demande created, its wishes recorded and deposited (with its
     * {@code lottery_entries} row, written likewise in the deposit's transaction). The window closed a
     * minute ago.
     */
    private long write(UUID programmeId, byte[] seed, LocalDate first, List<Session> sessions, List<Entry> entries) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant opens = now.minus(2, ChronoUnit.DAYS);
        Instant closes = now.plus(30, ChronoUnit.DAYS);
        Instant wishesCloseAt = now.minus(1, ChronoUnit.MINUTES);
        Instant depositedAt = now.minus(10, ChronoUnit.MINUTES);
        ZoneId zone = ZoneId.of("Europe/Paris");
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.update("INSERT INTO lottery_seeds (programme_id, seed) VALUES (?, ?)", programmeId, seed);
        List<DomainEventMessage<?>> setup = new ArrayList<>();
        setup.add(event("Programme", programmeId, 0, new ProgrammeCreated(programmeId, "Tirage de mesure", first,
                first.plusDays(sessions.size() / SESSIONS_PER_HALF_DAY / 2), 8, 12, opens, closes, 2, zone.getId())));
        setup.add(event("Programme", programmeId, 1, new LotteryAnnounced(programmeId, wishesCloseAt,
                Lottery.commitmentOf(seed))));
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            Instant startsAt = session.date().atTime(session.period().startTime()).atZone(zone).toInstant();
            setup.add(event("Session", session.sessionId(), 0, new SessionScheduled(session.sessionId(), programmeId,
                    "Stage " + (i + 1), session.date(), session.period(), 2 * settings.lotteryOnlinePlaces(),
                    settings.lotteryOnlinePlaces(), startsAt, opens, closes, startsAt.minus(2, ChronoUnit.DAYS))));
        }
        append(setup);
        long written = setup.size();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        List<Object[]> entryRows = new ArrayList<>();
        List<Object[]> directoryRows = new ArrayList<>();
        for (int f = 0; f < entries.size(); f++) {
            Entry entry = entries.get(f);
            String login = "tirage-" + f;
            batch.add(event("Family", entry.familyId(), 0, new FamilyRegistered(entry.familyId(),
                    List.of(new Guardian(Civility.MME, "Parent", "TIRAGE" + f, login + "@bench.klub.localhost")),
                    entry.children())));
            long sequence = 0;
            String token = UUID.randomUUID().toString().replace("-", "");
            batch.add(event("Demande", entry.demandeId(), sequence++, new DemandeCreated(entry.demandeId(),
                    entry.familyId(), programmeId, entry.children().stream().map(Child::childId).toList(), token,
                    depositedAt.minus(10, ChronoUnit.MINUTES), depositedAt.plus(20, ChronoUnit.MINUTES))));
            for (LotteryWish wish : entry.wishes()) {
                batch.add(event("Demande", entry.demandeId(), sequence++, new WishRecorded(entry.demandeId(),
                        wish.childId(), wish.sessionId(), wish.date(), wish.period(), wish.rank())));
            }
            batch.add(event("Demande", entry.demandeId(), sequence++, new DemandeDeposited(entry.demandeId(),
                    entry.familyId(), FIRST_NUMBER + f, depositedAt, token, List.of())));
            batch.add(event("Demande", entry.demandeId(), sequence, new LotteryEntered(entry.demandeId(),
                    entry.familyId(), programmeId, depositedAt)));
            entryRows.add(new Object[] {entry.demandeId(), programmeId, Timestamp.from(depositedAt)});
            entry.children().forEach(child -> directoryRows.add(new Object[] {child.childId(), entry.familyId()}));
            if (batch.size() >= 2000 || f == entries.size() - 1) {
                written += batch.size();
                append(batch);
                batch = new ArrayList<>();
            }
        }
        jdbc.batchUpdate("INSERT INTO lottery_entries (demande_id, programme_id, deposited_at) VALUES (?, ?, ?)",
                entryRows);
        jdbc.batchUpdate("INSERT INTO child_directory (child_id, family_id) VALUES (?, ?)", directoryRows);
        return written;
    }

    private void append(List<DomainEventMessage<?>> events) {
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    private static DomainEventMessage<?> event(String type, UUID aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId.toString(), sequence, payload,
                MetaData.from(Map.of("actor", "bench-lottery", "role", "PARENT",
                        "correlationId", UUID.randomUUID().toString())));
    }

    /**
     * What follows the draw's answer, measured from the draw's start: the seconds until the read side
     * shows, for every session of the draw, as many online places taken as the draw granted there and
     * a waiting list as long as the draw's (staff's session view, {@code GET /api/staff/sessions/{id}}),
     * and until the SMTP sink holds one result letter per family. Null: not within the patience.
     */
    record Aftermath(int sessions, int appliedSessions, Double stepsSeconds, Double appliedSeconds,
                     Double mailsSeconds) {
    }

    private Aftermath awaitAftermath(JsonNode drawn, int families, long drawBegin, Duration patience)
            throws MessagingException {
        Map<String, int[]> expected = new LinkedHashMap<>();
        drawn.get("granted").forEach(place -> expected.computeIfAbsent(place.get("sessionId").asText(),
                id -> new int[2])[0]++);
        drawn.get("waitlisted").forEach(wait -> expected.computeIfAbsent(wait.get("sessionId").asText(),
                id -> new int[2])[1]++);
        Set<String> applied = new HashSet<>();
        Double stepsSeconds = null;
        Double appliedSeconds = null;
        Double mailsSeconds = null;
        UUID programmeId = UUID.fromString(drawn.get("programmeId").asText());
        long deadline = drawBegin + patience.toNanos();
        long nextProgressLog = System.nanoTime();
        while ((appliedSeconds == null || mailsSeconds == null) && System.nanoTime() < deadline) {
            if (System.nanoTime() >= nextProgressLog) {
                log.info("Lottery: after {} s, {} of {} sessions applied; mails at the sink by subject {}",
                        Latencies.round((System.nanoTime() - drawBegin) / 1e9), applied.size(), expected.size(), bySubject);
                nextProgressLog = System.nanoTime() + 15_000_000_000L;
            }
            if (stepsSeconds == null && lastStepRecorded(programmeId)) {
                stepsSeconds = Latencies.round((System.nanoTime() - drawBegin) / 1e9);
                log.info("Lottery: the draw's last step committed {} s after the draw's start", stepsSeconds);
            }
            if (appliedSeconds == null) {
                expected.forEach((sessionId, counts) -> {
                    if (!applied.contains(sessionId) && showsApplied(sessionId, counts[0], counts[1])) {
                        applied.add(sessionId);
                    }
                });
                if (applied.size() == expected.size()) {
                    appliedSeconds = Latencies.round((System.nanoTime() - drawBegin) / 1e9);
                    log.info("Lottery: every hold and waiting list applied {} s after the draw's start", appliedSeconds);
                }
            }
            if (mailsSeconds == null && mailsWith(RESULT_SUBJECT) >= families) {
                mailsSeconds = Latencies.round((System.nanoTime() - drawBegin) / 1e9);
                log.info("Lottery: every result letter sent {} s after the draw's start", mailsSeconds);
            }
            Pause.millis(1000);
        }
        return new Aftermath(expected.size(), applied.size(), stepsSeconds, appliedSeconds, mailsSeconds);
    }

    /** Whether the history holds the programme's last step (command side, before the read side's lag). */
    private boolean lastStepRecorded(UUID programmeId) {
        List<byte[]> progress = new JdbcTemplate(pool).queryForList("SELECT payload FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type = ? ORDER BY sequence_number DESC LIMIT 1",
                byte[].class, programmeId.toString(), "fr.klub.domain.programme.LotteryApplicationProgressed");
        if (progress.isEmpty()) {
            return false;
        }
        try {
            JsonNode last = Api.JSON.readTree(progress.get(0));
            return last.path("stepsApplied").asInt() >= last.path("steps").asInt();
        } catch (java.io.IOException unreadable) {
            return false;
        }
    }

    /** Whether staff's view of the session counts the draw's places and its whole waiting list. */
    private boolean showsApplied(String sessionId, int granted, int waitlisted) {
        Api.Answer roster = klub.api.get(klub.q("/api/staff/sessions/" + sessionId), klub.staff);
        if (!roster.ok()) {
            return false;
        }
        JsonNode online = roster.json().path("online");
        int taken = online.path("held").asInt() + online.path("deposited").asInt() + online.path("confirmed").asInt();
        return taken >= granted && roster.json().path("waitlist").size() >= waitlisted;
    }

    /**
     * Mails at the SMTP sink whose subject starts so, counted again from all of them each time: the
     * sink lists its messages mailbox by mailbox, so a new one is not always at the end of the list.
     */
    private int mailsWith(String subjectStart) throws MessagingException {
        bySubject.clear();
        for (MimeMessage received : klub.smtp.getReceivedMessages()) {
            String subject = received.getSubject();
            if (subject != null) {
                bySubject.merge(subject.startsWith(RESULT_SUBJECT) ? RESULT_SUBJECT
                        : subject.startsWith("Votre demande N°") ? "Votre demande N°" : "", 1, Integer::sum);
            }
        }
        return bySubject.getOrDefault(subjectStart, 0);
    }

    private static boolean reproduces(DrawOutcome local, List<Place> granted, int waitlisted) {
        Set<Place> ours = new HashSet<>();
        local.granted().forEach(place -> ours.add(new Place(place.childId(), place.sessionId())));
        return ours.equals(new HashSet<>(granted)) && local.waitlisted().size() == waitlisted;
    }
}
