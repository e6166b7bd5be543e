package fr.klub.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import fr.klub.domain.lottery.LotteryWish;

/**
 * The draw's fairness figures (issue 15), from the wishes that entered and the places granted:
 * the share of families with at least one place, the Gini coefficient of places per child, and
 * the siblings split (a session some siblings obtained while a brother or sister who wished it got
 * nothing in that half-day; the allocation promises 0).
 */
final class LotteryFairness {

    /** A place the draw granted. */
    record Place(UUID childId, UUID sessionId) {
    }

    private LotteryFairness() {
    }

    static Map<String, Object> of(Collection<LotteryWish> wishes, Collection<Place> granted) {
        Map<UUID, Integer> placesByChild = new HashMap<>();
        Map<UUID, UUID> familyOfChild = new HashMap<>();
        for (LotteryWish wish : wishes) {
            placesByChild.put(wish.childId(), 0);
            familyOfChild.put(wish.childId(), wish.familyId());
        }
        for (Place place : granted) {
            placesByChild.merge(place.childId(), 1, Integer::sum);
        }
        Set<UUID> families = new HashSet<>(familyOfChild.values());
        Set<UUID> servedFamilies = new HashSet<>();
        placesByChild.forEach((child, places) -> {
            if (places > 0) {
                servedFamilies.add(familyOfChild.get(child));
            }
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("families", families.size());
        figures.put("children", placesByChild.size());
        figures.put("placesGranted", granted.size());
        figures.put("shareOfFamiliesWithAPlace", share(servedFamilies.size(), families.size()));
        figures.put("giniOfPlacesPerChild", thousandths(gini(new ArrayList<>(placesByChild.values()))));
        figures.put("siblingsSplit", siblingsSplit(wishes, granted));
        return figures;
    }

    static double share(int part, int whole) {
        return whole == 0 ? 0 : thousandths((double) part / whole);
    }

    private static double thousandths(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * Gini coefficient: the mean absolute difference between every two values over twice the mean;
     * 0 when everyone has as much, (n − 1) / n when one has everything. 0 for no values or all zero.
     */
    static double gini(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        long total = sorted.stream().mapToLong(Integer::longValue).sum();
        if (sorted.isEmpty() || total == 0) {
            return 0;
        }
        int n = sorted.size();
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1.0) * sorted.get(i);
        }
        return 2 * weighted / (n * (double) total) - (n + 1.0) / n;
    }

    /**
     * Sessions of a family that some of its children wishing it obtained while another child who
     * wished it too obtained nothing in that half-day (the siblings rule broken), counted once each.
     */
    static int siblingsSplit(Collection<LotteryWish> wishes, Collection<Place> granted) {
        Set<Place> grantedPlaces = new HashSet<>(granted);
        Map<UUID, LotteryWish> anyWishOfSession = new HashMap<>();
        Map<List<UUID>, Set<UUID>> wishersByFamilyAndSession = new HashMap<>();
        for (LotteryWish wish : wishes) {
            anyWishOfSession.putIfAbsent(wish.sessionId(), wish);
            wishersByFamilyAndSession.computeIfAbsent(List.of(wish.familyId(), wish.sessionId()), key -> new HashSet<>())
                    .add(wish.childId());
        }
        Set<String> halfDaysObtained = new HashSet<>();
        for (Place place : granted) {
            LotteryWish session = anyWishOfSession.get(place.sessionId());
            if (session != null) {
                halfDaysObtained.add(place.childId() + "/" + session.date() + "/" + session.period());
            }
        }
        int split = 0;
        for (Map.Entry<List<UUID>, Set<UUID>> group : wishersByFamilyAndSession.entrySet()) {
            UUID sessionId = group.getKey().get(1);
            LotteryWish session = anyWishOfSession.get(sessionId);
            boolean someIn = group.getValue().stream().anyMatch(child -> grantedPlaces.contains(new Place(child, sessionId)));
            boolean someLeftWithNothing = group.getValue().stream().anyMatch(child ->
                    !halfDaysObtained.contains(child + "/" + session.date() + "/" + session.period()));
            if (someIn && someLeftWithNothing) {
                split++;
            }
        }
        return split;
    }
}
