package fr.klub.portal.booking;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import fr.klub.portal.api.QueryApi;
import fr.klub.portal.web.PageFormat;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The grid reshapes the planning's answer; in a lottery's wish window it also offers each wish its ranks. */
class GridTest {

    private static final UUID LILA = UUID.randomUUID();
    private static final LocalDate MONDAY = LocalDate.of(2020, 11, 16);
    private static final Grid.Words WORDS = new Grid.Words(messages(), new PageFormat(), Locale.FRANCE);

    @Test
    void aPlanningWithoutWishCountsIsNoWishWindow() {
        QueryApi.Planning planning = planning(session("Poney", null, null), session("Escalade", null, null));

        assertThat(Grid.wishWindow(planning)).isFalse();
        Grid.Cell poney = cells(planning).get(0);
        assertThat(poney.state()).isEqualTo("AVAILABLE");
        assertThat(poney.wishes()).isNull();
        assertThat(poney.places()).isEqualTo("Places : 5");
        assertThat(poney.label()).isEqualTo("Poney, lundi 16/11/2020, Matin, pour Lila");
        assertThat(poney.rankOptions()).isEmpty();
    }

    @Test
    void aNewWishComesAfterTheChildsOtherWishesOfTheHalfDay() {
        QueryApi.Planning planning = planning(session("Poney", 3, wished(1)), session("Escalade", 0, null),
                session("Tir à l'arc", 1, null));

        assertThat(Grid.wishWindow(planning)).isTrue();
        List<Grid.Cell> cells = cells(planning);
        assertThat(cells).extracting(Grid.Cell::state).containsExactly("WISHED", "AVAILABLE", "AVAILABLE");
        assertThat(cells.get(0).rank()).isEqualTo(1);
        assertThat(cells.get(0).wishes()).isEqualTo(3);
        assertThat(cells.get(0).badge()).isEqualTo("Vœu n° 1 pour Lila");
        assertThat(cells.get(0).wishCount()).isEqualTo("3 vœux pour 5 places");
        assertThat(cells.get(1).rankOptions()).extracting(Grid.RankOption::text, Grid.RankOption::selected)
                .containsExactly(tuple("1er choix", false), tuple("2e choix", true), tuple("3e choix", false));
    }

    @Test
    void theRanksOfferedReachTheNextRankEvenPastTheHalfDaysSessions() {
        QueryApi.Planning planning = planning(session("Poney", 2, wished(1)), session("Escalade", 1, wished(2)));

        List<Grid.Cell> cells = cells(planning);
        assertThat(cells.get(0).rankOptions()).extracting(Grid.RankOption::rank, Grid.RankOption::selected)
                .containsExactly(tuple(1, false), tuple(2, false), tuple(3, true));
    }

    private static List<Grid.Cell> cells(QueryApi.Planning planning) {
        QueryApi.Child lila = new QueryApi.Child(LILA, "Lila", "VOEUX", LocalDate.of(2012, 1, 1));
        Grid grid = Grid.of(planning, List.of(lila), WORDS).get(0);
        return grid.weeks().get(0).rows().get(0).cells().get(0);
    }

    private static MessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        return messages;
    }

    private static QueryApi.ChildCell wished(int rank) {
        return new QueryApi.ChildCell(LILA, "WISHED", null, null, rank);
    }

    private static QueryApi.Session session(String activity, Integer wishes, QueryApi.ChildCell lila) {
        return new QueryApi.Session(UUID.randomUUID(), activity, 5, false, null, wishes,
                lila == null ? List.of() : List.of(lila));
    }

    private static QueryApi.Planning planning(QueryApi.Session... morning) {
        return new QueryApi.Planning(UUID.randomUUID(), "Vacances au poney-club",
                List.of(new QueryApi.Day(MONDAY, List.of(new QueryApi.PeriodCell("MATIN", List.of(morning))))));
    }
}
