package fr.klub.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opening morning: every family books its children into a few sessions each, at once, over about a
 * hundred sessions. The same plan (same children, sessions and order) runs over HTTP and as plain
 * JDBC.
 */
final class OpeningRush {

    record Booking(UUID childId, Population.Session session) {
    }

    /** A family's part of the rush: its draft and its clicks, in order. */
    record Plan(Population.Family family, UUID demandeId, List<Booking> bookings) {
    }

    interface Attempt {
        String run(Plan plan, Booking booking, Latencies latencies) throws Exception;
    }

    static List<Plan> plans(List<Population.Family> families, List<UUID> drafts, List<Population.Session> sessions,
                            int perChild, long seed) {
        Random random = new Random(seed);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < families.size(); i++) {
            Population.Family family = families.get(i);
            List<Booking> bookings = new ArrayList<>();
            for (UUID child : family.children()) {
                List<Population.Session> shuffled = new ArrayList<>(sessions);
                Collections.shuffle(shuffled, random);
                for (int k = 0; k < perChild; k++) {
                    bookings.add(new Booking(child, shuffled.get(k)));
                }
            }
            plans.add(new Plan(family, drafts.get(i), List.copyOf(bookings)));
        }
        return plans;
    }

    static Attempt overHttp(KlubSystem klub) {
        return (plan, booking, latencies) -> {
            Api.Answer answer = klub.api.put(klub.c("/api/demandes/" + plan.demandeId() + "/reservations/"
                    + booking.childId() + "/" + booking.session().sessionId()), plan.family().login());
            latencies.add(answer.nanos());
            return answer.status() == 201 ? "BOOKED" : answer.code();
        };
    }

    static Attempt overJdbc(Baseline baseline) {
        return (plan, booking, latencies) -> {
            long begin = System.nanoTime();
            Baseline.Outcome outcome = baseline.book(booking.childId(), booking.session());
            latencies.add(System.nanoTime() - begin);
            return outcome.name();
        };
    }

    /** Runs every plan on {@code threads} clients, each family's clicks in order; returns the figures. */
    static Map<String, Object> run(List<Plan> plans, int threads, Attempt attempt, Counts outcomes) throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        long begin = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plans.size(); i = next.getAndIncrement()) {
                        Plan plan = plans.get(i);
                        for (Booking booking : plan.bookings()) {
                            String outcome;
                            try {
                                outcome = attempt.run(plan, booking, latencies);
                            } catch (Exception failure) {
                                outcome = failure.getClass().getSimpleName();
                            }
                            outcomes.add(outcome);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("families", plans.size());
        result.put("attempts", outcomes.total());
        result.put("seconds", Latencies.round(seconds));
        result.put("reservationsPerSecond", Math.round(outcomes.get("BOOKED") / seconds));
        result.put("attemptsPerSecond", Math.round(outcomes.total() / seconds));
        result.put("outcomes", outcomes.asMap());
        result.put("errors", outcomes.otherThan("BOOKED", "SESSION_FULL", "PERIOD_ALREADY_BOOKED"));
        result.put("latency", latencies.summary());
        return result;
    }
}
