package fr.klub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.benchmark.LotteryFairness.Place;
import fr.klub.domain.lottery.LotteryWish;
import fr.klub.domain.shared.Period;

class LotteryFairnessTest {

    private static final LocalDate DAY = LocalDate.of(2026, 2, 23);

    @Test
    void giniIsZeroWhenEveryChildHasAsManyPlaces() {
        assertThat(LotteryFairness.gini(List.of(2, 2, 2, 2))).isZero();
        assertThat(LotteryFairness.gini(List.of(0, 0, 0))).isZero();
        assertThat(LotteryFairness.gini(List.of())).isZero();
    }

    @Test
    void giniOfOneChildHoldingEverythingIsNMinusOneOverN() {
        assertThat(LotteryFairness.gini(List.of(0, 0, 0, 4))).isCloseTo(0.75, within(1e-9));
        assertThat(LotteryFairness.gini(List.of(0, 5))).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void giniOfKnownValuesIsTheMeanAbsoluteDifferenceOverTwiceTheMean() {
        // pairs |xi − xj| over all ordered pairs of (1, 2, 3): 0+1+2+1+0+1+2+1+0 = 8; 8 / (2 · 9 · 2) = 2/9
        assertThat(LotteryFairness.gini(List.of(3, 1, 2))).isCloseTo(2.0 / 9, within(1e-9));
        // (0, 1, 1, 2): ordered pairs sum 12, n² = 16, mean 1 → 12 / 32 = 0.375
        assertThat(LotteryFairness.gini(List.of(1, 0, 2, 1))).isCloseTo(0.375, within(1e-9));
    }

    @Test
    void siblingsWhoWishedTheSameSessionAndGotItTogetherAreNoSplit() {
        UUID family = UUID.randomUUID();
        UUID elder = UUID.randomUUID();
        UUID younger = UUID.randomUUID();
        UUID pony = UUID.randomUUID();
        List<LotteryWish> wishes = List.of(wish(family, elder, pony, Period.MATIN), wish(family, younger, pony, Period.MATIN));

        assertThat(LotteryFairness.siblingsSplit(wishes, List.of(new Place(elder, pony), new Place(younger, pony)))).isZero();
        assertThat(LotteryFairness.siblingsSplit(wishes, List.of())).isZero();
    }

    @Test
    void aSessionOneSiblingGotWhileTheOtherGotNothingThatHalfDayIsASplit() {
        UUID family = UUID.randomUUID();
        UUID elder = UUID.randomUUID();
        UUID younger = UUID.randomUUID();
        UUID pony = UUID.randomUUID();
        UUID pool = UUID.randomUUID();
        List<LotteryWish> wishes = List.of(wish(family, elder, pony, Period.MATIN), wish(family, younger, pony, Period.MATIN),
                wish(family, younger, pool, Period.MATIN));

        assertThat(LotteryFairness.siblingsSplit(wishes, List.of(new Place(elder, pony)))).isEqualTo(1);
        // the younger had the half-day elsewhere (a better wish): not a split
        assertThat(LotteryFairness.siblingsSplit(wishes, List.of(new Place(elder, pony), new Place(younger, pool)))).isZero();
    }

    @Test
    void figuresCountFamiliesWithAPlaceAmongThoseWhoEntered() {
        UUID served = UUID.randomUUID();
        UUID unlucky = UUID.randomUUID();
        UUID child1 = UUID.randomUUID();
        UUID child2 = UUID.randomUUID();
        UUID child3 = UUID.randomUUID();
        UUID pony = UUID.randomUUID();
        UUID circus = UUID.randomUUID();
        List<LotteryWish> wishes = List.of(wish(served, child1, pony, Period.MATIN), wish(served, child2, circus, Period.APRES_MIDI),
                wish(unlucky, child3, pony, Period.MATIN));

        Map<String, Object> figures = LotteryFairness.of(wishes, List.of(new Place(child1, pony)));

        assertThat(figures).containsEntry("families", 2).containsEntry("children", 3).containsEntry("placesGranted", 1)
                .containsEntry("shareOfFamiliesWithAPlace", 0.5);
        assertThat((double) figures.get("giniOfPlacesPerChild")).isCloseTo(2.0 / 3, within(0.01));
    }

    private static LotteryWish wish(UUID family, UUID child, UUID session, Period period) {
        return new LotteryWish(UUID.randomUUID(), family, child, session, DAY, period, 1);
    }
}
