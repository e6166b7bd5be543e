package fr.klub.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A rush for the fault checks: each family starts a draft, holds a few places, and (most of them)
 * deposits it; staff may decide at once. Every answer is kept: what the clients were told is what
 * the checks hold the system to.
 */
final class FaultRush {

    record Held(UUID demandeId, UUID childId, UUID sessionId) {
        String key() {
            return EventStore.key(demandeId, childId, sessionId);
        }
    }

    private static final long RETRY_FOR_NANOS = 120_000_000_000L;

    final Set<String> held = ConcurrentHashMap.newKeySet();
    final Map<UUID, Population.Family> drafts = new ConcurrentHashMap<>();
    final Set<UUID> deposited = ConcurrentHashMap.newKeySet();
    final Set<UUID> decided = ConcurrentHashMap.newKeySet();
    final Counts outcomes = new Counts();
    final List<Api.Answer> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger familiesDone = new AtomicInteger();

    private final KlubSystem klub;

    FaultRush(KlubSystem klub) {
        this.klub = klub;
    }

    /**
     * @param depositEvery a family deposits unless its index is a multiple of this (0: all deposit)
     * @param decide       whether staff accept each deposited demande at once
     */
    void run(List<Population.Family> families, Population.Programme programme, int perChild, int depositEvery,
             boolean decide, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < families.size(); i = next.getAndIncrement()) {
                        family(i, families.get(i), programme, perChild, depositEvery, decide);
                        familiesDone.incrementAndGet();
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
    }

    private void family(int index, Population.Family family, Population.Programme programme, int perChild,
                        int depositEvery, boolean decide) {
        Api.Answer draft = record("draft", () -> klub.api.post(klub.c("/api/demandes"), family.login(), Map.of(
                "programmeId", programme.programmeId().toString(),
                "childIds", family.children().stream().map(UUID::toString).toList())));
        if (!draft.ok()) {
            return;
        }
        UUID demandeId = UUID.fromString(draft.json().get("demandeId").asText());
        drafts.put(demandeId, family);
        Random random = new Random(index);
        for (UUID child : family.children()) {
            List<Population.Session> shuffled = new ArrayList<>(programme.sessions());
            Collections.shuffle(shuffled, random);
            for (Population.Session session : shuffled.subList(0, perChild)) {
                Api.Answer answer = record("reserve", () -> klub.api.put(klub.c("/api/demandes/" + demandeId
                        + "/reservations/" + child + "/" + session.sessionId()), family.login()));
                if (answer.ok()) {
                    held.add(new Held(demandeId, child, session.sessionId()).key());
                }
            }
        }
        if (depositEvery > 0 && index % depositEvery == 0) {
            return;
        }
        Api.Answer deposit = record("deposit", () -> klub.api.post(klub.c("/api/demandes/" + demandeId + "/deposit"),
                family.login(), null));
        if (deposit.ok()) {
            deposited.add(demandeId);
            if (decide) {
                Api.Answer decision = record("decision", () -> klub.api.post(klub.c("/api/staff/demandes/" + demandeId
                        + "/decision"), klub.staff, Map.of("decision", "ACCEPTED")));
                if (decision.ok()) {
                    decided.add(demandeId);
                }
            }
        }
    }

    /**
     * Records the answer; like a parent's browser, tries again (after a short pause, for up to two
     * minutes) when the service did not answer or answered 503.
     */
    private Api.Answer record(String what, Supplier<Api.Answer> call) {
        long deadline = System.nanoTime() + RETRY_FOR_NANOS;
        while (true) {
            Api.Answer answer = call.get();
            outcomes.add(what + " " + (answer.ok() ? "2xx" : answer.status() + " " + answer.code()));
            if (!answer.ok() && answer.status() != 409) {
                failures.add(answer);
            }
            if ((answer.status() != 0 && answer.status() != 503) || System.nanoTime() > deadline) {
                return answer;
            }
            Pause.millis(250);
        }
    }

    /** Failed answers that broke the error contract: a 5xx other than 503, not problem+json, or a stack trace. */
    long contractBreaches() {
        synchronized (failures) {
            return failures.stream().filter(answer -> answer.status() != 0).filter(answer ->
                    (answer.status() >= 500 && answer.status() != 503)
                            || !answer.contentType().startsWith("application/problem+json")
                            || answer.body().contains("\tat ") || answer.body().contains("Exception")).count();
        }
    }
}
