package fr.klub.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;

/** Programmes, sessions, families and drafts, created over HTTP the way staff and parents do. */
final class Population {

    static final String[] PERIODS = {"MATIN", "MIDI", "APRES_MIDI"};
    static final String PASSWORD = "mot-de-passe-bench-1";

    record Family(UUID familyId, Api.Login login, List<UUID> children) {
    }

    record Session(UUID sessionId, LocalDate date, String period, int onlineQuota) {
    }

    record Programme(UUID programmeId, List<Session> sessions) {
    }

    private final KlubSystem klub;
    private final Api api;

    Population(KlubSystem klub) {
        this.klub = klub;
        this.api = klub.api;
    }

    /** First day of every benchmark programme: far enough ahead that nothing has started. */
    static LocalDate firstDay() {
        return LocalDate.now().plusDays(40);
    }

    /**
     * A programme of {@code sessions} sessions spread evenly over the (day, period) slots of
     * {@code days} days from {@code firstDay() + dayOffset}; programmes on different days never
     * make a child's half-days collide.
     */
    Programme programme(String title, int dayOffset, int sessions, int days, int capacity, Integer onlineQuota) {
        LocalDate first = firstDay().plusDays(dayOffset);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = api.postOk(klub.c("/api/staff/programmes"), klub.staff, Map.of(
                "title", title, "firstDay", first.toString(), "lastDay", first.plusDays(days - 1).toString(),
                "minAge", 8, "maxAge", 12,
                "bookingOpensAt", now.minus(1, ChronoUnit.DAYS).toString(),
                "bookingClosesAt", now.plus(30, ChronoUnit.DAYS).toString(),
                "cancellationDeadlineDays", 2));
        UUID programmeId = UUID.fromString(created.get("programmeId").asText());
        List<Session> scheduled = new ArrayList<>();
        int slots = days * PERIODS.length;
        for (int i = 0; i < sessions; i++) {
            int slot = i % slots;
            LocalDate date = first.plusDays(slot / PERIODS.length);
            String period = PERIODS[slot % PERIODS.length];
            Map<String, Object> body = new java.util.HashMap<>(Map.of("activity", "Activité " + (i + 1),
                    "date", date.toString(), "period", period, "capacity", capacity));
            if (onlineQuota != null) {
                body.put("onlineQuota", onlineQuota);
            }
            JsonNode session = api.postOk(klub.c("/api/staff/programmes/" + programmeId + "/sessions"), klub.staff,
                    body);
            scheduled.add(new Session(UUID.fromString(session.get("sessionId").asText()), date, period,
                    onlineQuota != null ? onlineQuota : (capacity + 1) / 2));
        }
        return new Programme(programmeId, List.copyOf(scheduled));
    }

    /** Families of two children, registered by staff with a parent login each. */
    List<Family> families(String prefix, int count, int threads) {
        LocalDate birth = firstDay().minusYears(10);
        return parallel(count, threads, i -> {
            String username = prefix + "-" + i;
            JsonNode registered = api.postOk(klub.c("/api/staff/families"), klub.staff, Map.of(
                    "guardians", List.of(Map.of("civility", i % 2 == 0 ? "MME" : "M", "firstName", "Parent",
                            "lastName", "BENCH" + i, "email", username + "@bench.klub.localhost")),
                    "children", List.of(
                            Map.of("firstName", "Aîné", "lastName", "BENCH" + i, "birthDate", birth.toString()),
                            Map.of("firstName", "Cadet", "lastName", "BENCH" + i,
                                    "birthDate", birth.plusYears(1).toString())),
                    "login", Map.of("username", username, "password", PASSWORD)));
            List<UUID> children = new ArrayList<>();
            registered.get("childIds").forEach(id -> children.add(UUID.fromString(id.asText())));
            return new Family(UUID.fromString(registered.get("familyId").asText()),
                    Api.Login.of(username, PASSWORD), List.copyOf(children));
        });
    }

    /** A draft demande of the family for these children; returns its id. */
    UUID draft(Family family, UUID programmeId, List<UUID> children) {
        JsonNode draft = api.postOk(klub.c("/api/demandes"), family.login(),
                Map.of("programmeId", programmeId.toString(), "childIds", children.stream().map(UUID::toString).toList()));
        return UUID.fromString(draft.get("demandeId").asText());
    }

    static <T> List<T> parallel(int count, int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.apply(index)));
            }
            List<T> results = new ArrayList<>(count);
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return Collections.unmodifiableList(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
