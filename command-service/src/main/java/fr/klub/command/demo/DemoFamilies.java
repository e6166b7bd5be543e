package fr.klub.command.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.shared.Period;

/**
 * The demo families (fictional; addresses at example.org). The TEST family is the seed's (Mme
 * Laëtitia TEST, Thaïs and Eden) and gets the parent login. The two others have already booked,
 * online, every place of Monday morning's "Complet" sessions: their demandes are deposited and
 * accepted, like any family's. For the waiting lists, the BERNARD family's deposited demande holds
 * the one online place of "Atelier cuisine" (26 October, afternoon), where a LE GOFF and a MARTIN
 * child wait in that order: staff refusing the demande offers the place to the first.
 */
final class DemoFamilies {

    record DemoFamily(UUID familyId, Guardian guardian, List<Child> children, boolean parentLogin) {
    }

    /** One family's demande: its children each booked in one session. */
    record DemoBooking(UUID demandeId, DemoFamily family, UUID sessionId) {
    }

    static final DemoFamily TEST = new DemoFamily(DemoIds.of("family/test"),
            new Guardian(Civility.MME, "Laëtitia", "TEST", "laetitia.test@example.org"),
            List.of(child("test/thais", "Thaïs", "TEST", LocalDate.of(2011, 4, 14)),
                    child("test/eden", "Eden", "TEST", LocalDate.of(2009, 8, 26))),
            true);

    static final DemoFamily LE_GOFF = new DemoFamily(DemoIds.of("family/le-goff"),
            new Guardian(Civility.M, "Yann", "LE GOFF", "yann.le-goff@example.org"),
            List.of(child("le-goff/mael", "Maël", "LE GOFF", LocalDate.of(2010, 5, 12)),
                    child("le-goff/nolwenn", "Nolwenn", "LE GOFF", LocalDate.of(2011, 9, 30)),
                    child("le-goff/erwan", "Erwan", "LE GOFF", LocalDate.of(2012, 2, 17))),
            false);

    static final DemoFamily MARTIN = new DemoFamily(DemoIds.of("family/martin"),
            new Guardian(Civility.MME, "Sophie", "MARTIN", "sophie.martin@example.org"),
            List.of(child("martin/lucas", "Lucas", "MARTIN", LocalDate.of(2009, 11, 3)),
                    child("martin/chloe", "Chloé", "MARTIN", LocalDate.of(2010, 7, 21))),
            false);

    static final DemoFamily BERNARD = new DemoFamily(DemoIds.of("family/bernard"),
            new Guardian(Civility.M, "Karim", "BERNARD", "karim.bernard@example.org"),
            List.of(child("bernard/ines", "Inès", "BERNARD", LocalDate.of(2011, 3, 8))),
            false);

    static final List<DemoFamily> ALL = List.of(TEST, LE_GOFF, MARTIN, BERNARD);

    /** Fun Archery (3 online places) for the three LE GOFF children, Sortie au marché (2) for the MARTINs. */
    static final List<DemoBooking> BOOKINGS = List.of(
            new DemoBooking(DemoIds.of("demande/le-goff/fun-archery"), LE_GOFF,
                    DemoProgramme.sessionId(DemoProgramme.FIRST_DAY, Period.MATIN, "Fun Archery")),
            new DemoBooking(DemoIds.of("demande/martin/sortie-au-marche"), MARTIN,
                    DemoProgramme.sessionId(DemoProgramme.FIRST_DAY, Period.MATIN, "Sortie au marché")));

    /** Deposited, not decided: staff can still refuse it in the README's walk-through. */
    static final DemoBooking DEPOSITED = new DemoBooking(DemoIds.of("demande/bernard/atelier-cuisine"), BERNARD,
            DemoProgramme.ATELIER_CUISINE.sessionId());

    /**
     * Deposited, not decided, in week 2: with BERNARD's, the agent's queue holds several demandes
     * (the LE GOFF children at Handball, the MARTIN children at Sortie pêche à pied).
     */
    static final List<DemoBooking> QUEUE = List.of(
            new DemoBooking(DemoIds.of("demande/le-goff/handball"), LE_GOFF,
                    DemoProgramme.sessionId(DemoProgramme.FIRST_DAY.plusWeeks(1).plusDays(2), Period.MATIN, "Handball")),
            new DemoBooking(DemoIds.of("demande/martin/sortie-peche"), MARTIN,
                    DemoProgramme.sessionId(DemoProgramme.FIRST_DAY.plusWeeks(1).plusDays(3), Period.MATIN,
                            "Sortie pêche à pied")));

    /** A child waiting for a place of a session. */
    record DemoWaiting(DemoFamily family, UUID childId, UUID sessionId) {
    }

    /** In queue order: Maël first, then Lucas. */
    static final List<DemoWaiting> WAITING = List.of(
            new DemoWaiting(LE_GOFF, LE_GOFF.children().get(0).childId(), DemoProgramme.ATELIER_CUISINE.sessionId()),
            new DemoWaiting(MARTIN, MARTIN.children().get(0).childId(), DemoProgramme.ATELIER_CUISINE.sessionId()));

    private DemoFamilies() {
    }

    private static Child child(String key, String firstName, String lastName, LocalDate birthDate) {
        return new Child(DemoIds.of("child/" + key), firstName, lastName, birthDate);
    }
}
