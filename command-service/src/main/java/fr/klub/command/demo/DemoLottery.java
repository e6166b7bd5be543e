package fr.klub.command.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.klub.command.demo.DemoFamilies.DemoFamily;
import fr.klub.domain.shared.Period;

/**
 * The lottery demo (product.md §10): a second programme, the winter holidays 2021, allocated by
 * lottery. Its wish window is still open when the dev run first starts (the demo clock says 1
 * October 2020, 8:00) and closes ten minutes later, at 8:10: the LE GOFF, MARTIN and BERNARD families have deposited ranked
 * wishes, the TEST family's parent may still add some, and the persistent deadline draws at 8:10
 * (ten minutes after the start). Small sessions make the draw visible: three LE GOFF siblings wish
 * a pony course with three online places that two other children want too (siblings together or
 * not at all). Dates far from the first programme's, so no half-day is already taken.
 * docs/decisions/run-demo-data-and-clock.md says why.
 */
final class DemoLottery {

    static final UUID PROGRAMME_ID = DemoIds.of("programme/stages-hiver-2021-tirage");
    static final String TITLE = "Stages des vacances d'hiver 8-12 ans (tirage au sort)";
    static final LocalDate FIRST_DAY = LocalDate.of(2021, 2, 22);
    static final LocalDate LAST_DAY = LocalDate.of(2021, 2, 26);
    static final int MIN_AGE = 8;
    static final int MAX_AGE = 12;
    /** The wish window stays open this long after the first load: 8:10 with the default demo clock. */
    static final Duration WISH_WINDOW = Duration.ofMinutes(10);

    static final DemoProgramme.DemoSession PONEY = session(FIRST_DAY, Period.MATIN, "Stage poney", 6);
    static final DemoProgramme.DemoSession ESCALADE = session(FIRST_DAY, Period.MATIN, "Escalade", 8);
    static final DemoProgramme.DemoSession VOILE = session(FIRST_DAY.plusDays(1), Period.MATIN, "Voile sur l'étang", 4);
    static final DemoProgramme.DemoSession CINEMA = session(FIRST_DAY.plusDays(1), Period.MATIN,
            "Cinéma d'animation", 10);
    static final DemoProgramme.DemoSession PATINOIRE = session(FIRST_DAY.plusDays(2), Period.APRES_MIDI, "Patinoire", 12);

    static final List<DemoProgramme.DemoSession> SESSIONS = List.of(PONEY, ESCALADE, VOILE, CINEMA, PATINOIRE);

    /** One ranked wish of a child (rank 1 = first choice for that half-day). */
    record DemoWish(UUID childId, DemoProgramme.DemoSession session, int rank) {
    }

    /** A family's demande of wishes, deposited inside the window. */
    record DemoEntry(UUID demandeId, DemoFamily family, List<DemoWish> wishes) {
    }

    static final List<DemoEntry> ENTRIES = List.of(
            entry("le-goff", DemoFamilies.LE_GOFF, List.of(
                    wishes(DemoFamilies.LE_GOFF, PONEY, 1), wishes(DemoFamilies.LE_GOFF, ESCALADE, 2),
                    wishes(DemoFamilies.LE_GOFF, VOILE, 1)).stream().flatMap(List::stream).toList()),
            entry("martin", DemoFamilies.MARTIN, List.of(
                    wishes(DemoFamilies.MARTIN, PONEY, 1), wishes(DemoFamilies.MARTIN, VOILE, 1),
                    wishes(DemoFamilies.MARTIN, CINEMA, 2), wishes(DemoFamilies.MARTIN, PATINOIRE, 1))
                    .stream().flatMap(List::stream).toList()),
            entry("bernard", DemoFamilies.BERNARD, List.of(
                    wishes(DemoFamilies.BERNARD, PONEY, 1), wishes(DemoFamilies.BERNARD, ESCALADE, 2),
                    wishes(DemoFamilies.BERNARD, VOILE, 1), wishes(DemoFamilies.BERNARD, PATINOIRE, 1))
                    .stream().flatMap(List::stream).toList()));

    private DemoLottery() {
    }

    /** From the business time of the load, so that the wishes fit whatever {@code klub.demo.clock-starts-at} says. */
    static Instant wishesCloseAt(Instant loadedAt) {
        return loadedAt.truncatedTo(ChronoUnit.MINUTES).plus(WISH_WINDOW);
    }

    private static DemoProgramme.DemoSession session(LocalDate date, Period period, String activity, int capacity) {
        return new DemoProgramme.DemoSession(DemoProgramme.sessionId(date, period, activity), date, period, activity,
                capacity);
    }

    private static DemoEntry entry(String key, DemoFamily family, List<DemoWish> wishes) {
        return new DemoEntry(DemoIds.of("demande/" + key + "/lottery-hiver-2021"), family, wishes);
    }

    /** The same wish for every child of the family. */
    private static List<DemoWish> wishes(DemoFamily family, DemoProgramme.DemoSession session, int rank) {
        return family.children().stream().map(child -> new DemoWish(child.childId(), session, rank)).toList();
    }
}
