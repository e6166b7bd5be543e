package fr.klub.domain.booking;

import java.util.Map;
import static fr.klub.domain.testing.AxonKlub.periodKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.HoldOutcome;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.testing.AxonKlub;
import fr.klub.domain.testing.Klub;

/**
 * Rules 1 and 2 under concurrency, in one JVM on a real Axon configuration: threads released at
 * the same instant race for the last places of a session, and one child races for two sessions
 * of the same period. Outcomes are counted, and the event store is checked afterwards.
 */
class ConcurrentBookingTest {

    private AxonKlub klub;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        klub = AxonKlub.start();
        threads = Executors.newFixedThreadPool(50);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        klub.close();
    }

    /** What one attempt ended with: a new hold, a repeated hold, or the code of a refusal (anything else: its class). */
    private static String outcomeOf(Callable<HoldOutcome> attempt) {
        try {
            return attempt.call().newHold() ? "NEW_HOLD" : "ALREADY_HELD";
        } catch (Refusal refusal) {
            return refusal.code().name();
        } catch (Exception unexpected) {
            return unexpected.getClass().getName() + ": " + unexpected.getMessage();
        }
    }

    /** Runs every attempt on its own thread, all released together; returns the count of each outcome. */
    private Map<String, Long> race(List<Callable<HoldOutcome>> attempts) throws Exception {
        CountDownLatch ready = new CountDownLatch(attempts.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (Callable<HoldOutcome> attempt : attempts) {
            results.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return outcomeOf(attempt);
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get(60, TimeUnit.SECONDS));
        }
        return outcomes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void fiftyChildrenRaceForEightOnlinePlaces() throws Exception {
        UUID session = klub.session("Multisports", klub.firstDay, Period.MATIN, 16);
        List<UUID> children = new ArrayList<>();
        List<Callable<HoldOutcome>> attempts = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            UUID family = Klub.id("family " + f);
            for (UUID child : klub.family(family, 5)) {
                UUID demande = klub.draft(family, List.of(child));
                children.add(child);
                attempts.add(() -> klub.reserve(demande, family, child, session));
            }
        }

        assertThat(race(attempts)).containsOnly(
                Map.entry("NEW_HOLD", 8L), Map.entry("SESSION_FULL", 42L));

        List<UUID> winners = klub.events(session, OnlinePlaceHeld.class).stream().map(OnlinePlaceHeld::childId).toList();
        assertThat(winners).hasSize(8).doesNotHaveDuplicates();
        for (UUID child : children) {
            List<ChildPeriodClaimed> claims = klub.events(periodKey(child, klub.firstDay, Period.MATIN),
                    ChildPeriodClaimed.class);
            assertThat(claims).as("period claims of a child").hasSize(winners.contains(child) ? 1 : 0);
        }
    }

    @Test
    void oneChildRacingOnTwoSessionsOfOnePeriodWinsOnce() throws Exception {
        UUID family = Klub.id("famille Exemple");
        UUID child = klub.family(family, 1).get(0);
        UUID danse = klub.session("Danse latine", klub.firstDay, Period.MATIN, 10);
        UUID multisports = klub.session("Multisports", klub.firstDay, Period.MATIN, 16);
        UUID firstDemande = klub.draft(family, List.of(child));
        UUID secondDemande = klub.draft(family, List.of(child));

        List<Callable<HoldOutcome>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID demande = i % 2 == 0 ? firstDemande : secondDemande;
            UUID session = (i / 2) % 2 == 0 ? danse : multisports;
            attempts.add(() -> klub.reserve(demande, family, child, session));
        }
        Map<String, Long> outcomes = race(attempts);

        assertThat(outcomes.get("NEW_HOLD")).isEqualTo(1L);
        assertThat(outcomes.keySet()).isSubsetOf("NEW_HOLD", "ALREADY_HELD", "PERIOD_ALREADY_BOOKED");
        assertThat(klub.events(periodKey(child, klub.firstDay, Period.MATIN), ChildPeriodClaimed.class)).hasSize(1);
        assertThat(klub.events(danse, OnlinePlaceHeld.class).size()
                + klub.events(multisports, OnlinePlaceHeld.class).size()).isEqualTo(1);
        assertThat(klub.events(firstDemande, ReservationAdded.class).size()
                + klub.events(secondDemande, ReservationAdded.class).size()).isEqualTo(1);
    }
}
