package fr.klub.domain.lottery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;

/** The draw's allocation, as properties over random wish sets drawn from fixed seeds. */
class LotteryAllocatorTest {

    private static final LocalDate MONDAY = LocalDate.of(2020, 10, 19);

    /** A random programme: sessions over 3 days × 2 half-days, families of 1 to 3 children, 1 to 6 ranked wishes each. */
    private record World(List<LotteryWish> wishes, Map<UUID, Integer> placesLeft, Map<UUID, LotteryWish> sessions) {
    }

    private static World world(long seed) {
        Random random = new Random(seed);
        Map<UUID, Integer> placesLeft = new HashMap<>();
        List<LotteryWish> slots = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            UUID sessionId = new UUID(seed, s);
            placesLeft.put(sessionId, random.nextInt(6));
            slots.add(new LotteryWish(null, null, null, sessionId, MONDAY.plusDays(s % 3),
                    s % 2 == 0 ? Period.MATIN : Period.APRES_MIDI, 0));
        }
        List<LotteryWish> wishes = new ArrayList<>();
        int families = 5 + random.nextInt(25);
        for (int f = 0; f < families; f++) {
            UUID familyId = new UUID(seed + 1, f);
            UUID demandeId = new UUID(seed + 2, f);
            int children = 1 + random.nextInt(3);
            for (int c = 0; c < children; c++) {
                UUID childId = new UUID(seed + 3, f * 10L + c);
                Map<String, Integer> ranks = new HashMap<>();
                for (LotteryWish slot : pick(slots, 1 + random.nextInt(6), random)) {
                    int rank = ranks.merge(slot.date() + " " + slot.period(), 1, Integer::sum);
                    wishes.add(new LotteryWish(demandeId, familyId, childId, slot.sessionId(), slot.date(),
                            slot.period(), rank));
                }
            }
        }
        Map<UUID, LotteryWish> sessions = slots.stream().collect(Collectors.toMap(LotteryWish::sessionId, s -> s));
        return new World(wishes, placesLeft, sessions);
    }

    private static List<LotteryWish> pick(List<LotteryWish> slots, int count, Random random) {
        List<LotteryWish> copy = new ArrayList<>(slots);
        Collections.shuffle(copy, random);
        return copy.subList(0, count);
    }

    private static byte[] seed(long n) {
        return ("graine " + n).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void neverBreaksAQuota(long n) {
        World world = world(n);
        DrawOutcome outcome = LotteryAllocator.allocate(seed(n), world.wishes(), world.placesLeft());
        Map<UUID, Long> taken = outcome.granted().stream()
                .collect(Collectors.groupingBy(LotteryDrawn.Granted::sessionId, Collectors.counting()));
        taken.forEach((session, count) -> assertThat(count).isLessThanOrEqualTo(world.placesLeft().get(session)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void neverGivesAChildTwoActivitiesInAHalfDay(long n) {
        World world = world(n);
        DrawOutcome outcome = LotteryAllocator.allocate(seed(n), world.wishes(), world.placesLeft());
        Set<String> halfDays = new HashSet<>();
        for (LotteryDrawn.Granted grant : outcome.granted()) {
            LotteryWish slot = world.sessions().get(grant.sessionId());
            assertThat(halfDays.add(grant.childId() + " " + slot.date() + " " + slot.period())).isTrue();
        }
    }

    /** Siblings who wished a session and obtained nothing else in its half-day are all in, or all out. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void keepsSiblingsWishingTheSameSessionTogether(long n) {
        World world = world(n);
        DrawOutcome outcome = LotteryAllocator.allocate(seed(n), world.wishes(), world.placesLeft());
        Set<String> granted = outcome.granted().stream().map(g -> g.childId() + " " + g.sessionId())
                .collect(Collectors.toSet());
        Set<String> halfDaysObtained = outcome.granted().stream().map(g -> g.childId() + " "
                + world.sessions().get(g.sessionId()).date() + " " + world.sessions().get(g.sessionId()).period())
                .collect(Collectors.toSet());
        Map<List<UUID>, List<LotteryWish>> byFamilyAndSession = world.wishes().stream()
                .collect(Collectors.groupingBy(w -> List.of(w.familyId(), w.sessionId())));
        for (List<LotteryWish> siblings : byFamilyAndSession.values()) {
            Set<Boolean> outcomes = siblings.stream()
                    .filter(w -> granted.contains(w.childId() + " " + w.sessionId())
                            || !halfDaysObtained.contains(w.childId() + " " + w.date() + " " + w.period()))
                    .map(w -> granted.contains(w.childId() + " " + w.sessionId()))
                    .collect(Collectors.toSet());
            assertThat(outcomes).hasSizeLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void givesTheSameOutcomeWhateverTheOrderOfTheWishes(long n) {
        World world = world(n);
        List<LotteryWish> shuffled = new ArrayList<>(world.wishes());
        Collections.shuffle(shuffled, new Random(n * 7919));
        assertThat(LotteryAllocator.allocate(seed(n), shuffled, new HashMap<>(world.placesLeft())))
                .isEqualTo(LotteryAllocator.allocate(seed(n), world.wishes(), world.placesLeft()));
    }

    /** A wish waits only if its child obtained nothing in that half-day; each list is numbered from 1 in draw order. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void waitlistsOnlyHalfDaysTheChildDidNotObtain(long n) {
        World world = world(n);
        DrawOutcome outcome = LotteryAllocator.allocate(seed(n), world.wishes(), world.placesLeft());
        Set<String> halfDaysObtained = outcome.granted().stream().map(g -> g.childId() + " "
                + world.sessions().get(g.sessionId()).date() + " " + world.sessions().get(g.sessionId()).period())
                .collect(Collectors.toSet());
        Map<UUID, Integer> expectedPosition = new HashMap<>();
        for (LotteryDrawn.Waitlisted wait : outcome.waitlisted()) {
            LotteryWish slot = world.sessions().get(wait.sessionId());
            assertThat(halfDaysObtained).doesNotContain(wait.childId() + " " + slot.date() + " " + slot.period());
            assertThat(wait.position()).isEqualTo(expectedPosition.merge(wait.sessionId(), 1, Integer::sum));
        }
        long decided = outcome.granted().size() + outcome.waitlisted().size();
        long dropped = world.wishes().stream().filter(w -> halfDaysObtained.contains(
                w.childId() + " " + w.date() + " " + w.period())).count() - outcome.granted().size();
        assertThat(decided + dropped).isEqualTo(world.wishes().size());
    }

    @Test
    void theFamilyOrderDependsOnTheSeedOnly() {
        World world = world(42);
        List<UUID> first = LotteryAllocator.allocate(seed(1), world.wishes(), world.placesLeft()).familyOrder();
        List<UUID> again = LotteryAllocator.allocate(seed(1), world.wishes(), Map.of()).familyOrder();
        List<UUID> other = LotteryAllocator.allocate(seed(2), world.wishes(), world.placesLeft()).familyOrder();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void aFirstChoiceBeatsAnotherFamilysSecondChoiceInTheFirstRound() {
        UUID danse = new UUID(9, 1);
        UUID roller = new UUID(9, 2);
        UUID a = new UUID(1, 1);
        UUID b = new UUID(1, 2);
        List<LotteryWish> wishes = List.of(
                new LotteryWish(new UUID(2, 1), a, new UUID(3, 1), danse, MONDAY, Period.MATIN, 1),
                new LotteryWish(new UUID(2, 2), b, new UUID(3, 2), roller, MONDAY, Period.MATIN, 1),
                new LotteryWish(new UUID(2, 2), b, new UUID(3, 2), danse, MONDAY, Period.MATIN, 2));
        DrawOutcome outcome = LotteryAllocator.allocate(seed(7), wishes, Map.of(danse, 1, roller, 1));
        assertThat(outcome.granted()).extracting(LotteryDrawn.Granted::sessionId).containsExactlyInAnyOrder(danse, roller);
        assertThat(outcome.waitlisted()).isEmpty();
    }
}
