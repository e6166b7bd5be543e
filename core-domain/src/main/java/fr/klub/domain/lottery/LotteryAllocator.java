package fr.klub.domain.lottery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;

/**
 * The draw's allocation (docs/decisions/domain-lottery.md), a pure function of the seed, the wishes
 * and the online places left. Every input is first put in a canonical order (ids compared as
 * their text), so the order in which wishes were stored or read never changes the outcome.
 */
public final class LotteryAllocator {

    /** Ids are compared as text: the same order in any language, unlike {@link UUID#compareTo}. */
    static final Comparator<UUID> ID_ORDER = Comparator.comparing(UUID::toString);
    /** A family's wishes, best first: rank, then day, half-day, child and session. */
    static final Comparator<LotteryWish> PREFERENCE = Comparator.comparingInt(LotteryWish::rank)
            .thenComparing(LotteryWish::date).thenComparing(LotteryWish::period)
            .thenComparing(LotteryWish::childId, ID_ORDER).thenComparing(LotteryWish::sessionId, ID_ORDER);

    private LotteryAllocator() {
    }

    public static DrawOutcome allocate(byte[] seed, Collection<LotteryWish> wishes, Map<UUID, Integer> placesLeft) {
        Map<UUID, List<LotteryWish>> byFamily = byFamily(wishes);
        List<UUID> familyOrder = shuffled(new ArrayList<>(byFamily.keySet()), new SeedStream(seed));
        Map<UUID, Integer> left = new HashMap<>(placesLeft);
        Set<HalfDay> obtained = new HashSet<>();
        List<LotteryDrawn.Granted> granted = new ArrayList<>();
        Map<UUID, List<LotteryWish>> pending = new HashMap<>();
        byFamily.forEach((family, list) -> pending.put(family, new ArrayList<>(list)));
        boolean grantedInRound = true;
        while (grantedInRound) {
            grantedInRound = false;
            for (UUID family : familyOrder) {
                grantedInRound |= grantBestFitting(pending.get(family), left, obtained, granted);
            }
        }
        return new DrawOutcome(familyOrder, granted, waitlisted(familyOrder, byFamily, obtained));
    }

    /**
     * One family's turn: its best remaining wish that fits, with the siblings who wished the same
     * session (together or not at all). A wish that does not fit now never will (places only go).
     */
    private static boolean grantBestFitting(List<LotteryWish> pending, Map<UUID, Integer> left, Set<HalfDay> obtained,
                                            List<LotteryDrawn.Granted> granted) {
        while (!pending.isEmpty()) {
            UUID sessionId = pending.get(0).sessionId();
            List<LotteryWish> group = pending.stream().filter(wish -> wish.sessionId().equals(sessionId)).toList();
            pending.removeAll(group);
            int places = left.getOrDefault(sessionId, 0);
            if (places >= group.size()) {
                left.put(sessionId, places - group.size());
                for (LotteryWish wish : group) {
                    granted.add(new LotteryDrawn.Granted(wish.demandeId(), wish.childId(), sessionId));
                    obtained.add(HalfDay.of(wish));
                }
                pending.removeIf(wish -> obtained.contains(HalfDay.of(wish)));
                return true;
            }
        }
        return false;
    }

    /** Wishes for half-days where the child obtained nothing, in draw order: family order, then preference. */
    private static List<LotteryDrawn.Waitlisted> waitlisted(List<UUID> familyOrder,
                                                            Map<UUID, List<LotteryWish>> byFamily,
                                                            Set<HalfDay> obtained) {
        List<LotteryDrawn.Waitlisted> waitlisted = new ArrayList<>();
        Map<UUID, Integer> lengths = new HashMap<>();
        for (UUID family : familyOrder) {
            for (LotteryWish wish : byFamily.get(family)) {
                if (!obtained.contains(HalfDay.of(wish))) {
                    int position = lengths.merge(wish.sessionId(), 1, Integer::sum);
                    waitlisted.add(new LotteryDrawn.Waitlisted(wish.childId(), wish.sessionId(), position));
                }
            }
        }
        return waitlisted;
    }

    /** Families sorted by id, each with one wish per child and session (the best ranked), best first. */
    private static Map<UUID, List<LotteryWish>> byFamily(Collection<LotteryWish> wishes) {
        List<LotteryWish> sorted = new ArrayList<>(wishes);
        sorted.sort(PREFERENCE.thenComparing(LotteryWish::demandeId, ID_ORDER));
        Map<List<UUID>, LotteryWish> unique = new LinkedHashMap<>();
        for (LotteryWish wish : sorted) {
            unique.putIfAbsent(List.of(wish.childId(), wish.sessionId()), wish);
        }
        Map<UUID, List<LotteryWish>> byFamily = new TreeMap<>(ID_ORDER);
        unique.values().forEach(wish -> byFamily.computeIfAbsent(wish.familyId(), f -> new ArrayList<>()).add(wish));
        return byFamily;
    }

    /** Fisher–Yates from the last position down, drawing from the seed's stream. */
    static List<UUID> shuffled(List<UUID> families, SeedStream random) {
        for (int i = families.size() - 1; i > 0; i--) {
            Collections.swap(families, i, random.below(i + 1));
        }
        return families;
    }

    private record HalfDay(UUID childId, LocalDate date, Period period) {
        static HalfDay of(LotteryWish wish) {
            return new HalfDay(wish.childId(), wish.date(), wish.period());
        }
    }
}
