package fr.klub.portal.agent.programmes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.klub.portal.api.AdminCommandApi.NewSession;
import fr.klub.portal.api.AdminQueryApi.Day;
import fr.klub.portal.api.AdminQueryApi.Period;
import fr.klub.portal.api.AdminQueryApi.Session;
import fr.klub.portal.api.AdminQueryApi.Sessions;

class WeekCopyTest {

    // Monday 19/10/2020 to Sunday 25/10/2020, then the next week's Monday
    private static final Sessions PLANNING = new Sessions(UUID.randomUUID(), "Toussaint", List.of(
            day("2020-10-18", session("Dimanche d'avant", 8, 4)),
            day("2020-10-19", session("Multisports", 10, 5)),
            new Day(LocalDate.parse("2020-10-21"), List.of(
                    new Period("MATIN", List.of(new Session(UUID.randomUUID(), "Piscine", 12, 6, 6, false))),
                    new Period("APRES_MIDI", List.of(new Session(UUID.randomUUID(), "Atelier cuisine", 2, 1, 0, true))))),
            day("2020-10-25", session("Balade", 20, 20)),
            day("2020-10-26", session("Semaine suivante", 10, 5))));

    @Test
    void copiesEverySessionFromMondayToSundayOfTheSourceWeekToTheSameWeekdayOfTheTargetWeek() {
        // any day of each week names it: Thursday of the source, Saturday of the target
        List<NewSession> copies = WeekCopy.of(PLANNING, LocalDate.parse("2020-10-22"), LocalDate.parse("2020-11-07"));

        assertThat(copies).containsExactly(
                new NewSession("Multisports", "2020-11-02", "MATIN", 10, 5),
                new NewSession("Piscine", "2020-11-04", "MATIN", 12, 6),
                new NewSession("Atelier cuisine", "2020-11-04", "APRES_MIDI", 2, 1),
                new NewSession("Balade", "2020-11-08", "MATIN", 20, 20));
    }

    @Test
    void copiesBackwardsToo() {
        List<NewSession> copies = WeekCopy.of(PLANNING, LocalDate.parse("2020-10-26"), LocalDate.parse("2020-10-12"));

        assertThat(copies).containsExactly(new NewSession("Semaine suivante", "2020-10-12", "MATIN", 10, 5));
    }

    @Test
    void aWeekWithoutSessionsCopiesNothing() {
        assertThat(WeekCopy.of(PLANNING, LocalDate.parse("2020-12-01"), LocalDate.parse("2020-12-08"))).isEmpty();
    }

    private static Day day(String date, Session session) {
        return new Day(LocalDate.parse(date), List.of(new Period("MATIN", List.of(session))));
    }

    private static Session session(String activity, int capacity, int onlineQuota) {
        return new Session(UUID.randomUUID(), activity, capacity, onlineQuota, onlineQuota, false);
    }
}
