package fr.klub.command.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/**
 * The seed's programme (product.md §8): "Activités et repas Klub 8-12 ans", 19 → 30 October 2020,
 * ages 8–12. Week 1 is the tutorial's grid; week 2 repeats it. Each session's capacity is twice the
 * online places the grid shows, so the town's default split (half online, rounded up) gives
 * exactly those numbers; the two "Complet" sessions are small and are filled online by the other
 * demo families ({@link DemoFamilies}).
 */
final class DemoProgramme {

    static final UUID PROGRAMME_ID = DemoIds.of("programme/klub-8-12-toussaint-2020");
    static final String TITLE = "Activités et repas Klub 8-12 ans";
    static final LocalDate FIRST_DAY = LocalDate.of(2020, 10, 19);
    static final LocalDate LAST_DAY = LocalDate.of(2020, 10, 30);
    static final int MIN_AGE = 8;
    static final int MAX_AGE = 12;
    /** Booking opened before the demo clock's start (1 October 2020) ... */
    static final Instant BOOKING_OPENS_AT = Instant.parse("2020-09-14T06:00:00Z");
    /** ... and never closes in a dev run: only the sessions' start closes them. */
    static final Instant BOOKING_CLOSES_AT = Instant.parse("2099-12-31T23:00:00Z");
    static final int CANCELLATION_DEADLINE_DAYS = 2;

    /**
     * The waiting-list demo: one more session, in week 2, with a single online place, held by a
     * deposited demande that staff may refuse while two children wait (product.md §9).
     */
    static final DemoSession ATELIER_CUISINE = new DemoSession(
            sessionId(FIRST_DAY.plusWeeks(1), Period.APRES_MIDI, "Atelier cuisine"), FIRST_DAY.plusWeeks(1),
            Period.APRES_MIDI, "Atelier cuisine", 2);

    /** Capacities of the "Complet" sessions of Monday morning: 3 and 2 places online. */
    static final int FUN_ARCHERY_CAPACITY = 6;
    static final int SORTIE_MARCHE_CAPACITY = 4;

    record DemoSession(UUID sessionId, LocalDate date, Period period, String activity, int capacity) {

        int onlinePlaces() {
            return (capacity + 1) / 2;
        }
    }

    private record Slot(Period period, String activity, int capacity) {
    }

    private DemoProgramme() {
    }

    static UUID sessionId(LocalDate date, Period period, String activity) {
        return DemoIds.of("session/" + date + "/" + period + "/" + activity);
    }

    static List<DemoSession> sessions() {
        List<DemoSession> sessions = new ArrayList<>();
        for (LocalDate monday : List.of(FIRST_DAY, FIRST_DAY.plusWeeks(1))) {
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                LocalDate date = monday.plusDays(day.getValue() - 1L);
                for (Slot slot : grid(day)) {
                    sessions.add(new DemoSession(sessionId(date, slot.period(), slot.activity()), date, slot.period(),
                            slot.activity(), slot.capacity()));
                }
            }
        }
        sessions.add(ATELIER_CUISINE);
        return sessions;
    }

    /** One weekday of the tutorial's grid: activity and online places ("Places : N"). */
    private static List<Slot> grid(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> List.of(
                    online(Period.MATIN, "Danse latine", 5),
                    new Slot(Period.MATIN, "Fun Archery", FUN_ARCHERY_CAPACITY),
                    online(Period.MATIN, "Multisports", 8),
                    new Slot(Period.MATIN, "Sortie au marché", SORTIE_MARCHE_CAPACITY),
                    online(Period.MIDI, "Repas", 24),
                    online(Period.APRES_MIDI, "Grands jeux pour tous !", 22));
            case TUESDAY -> List.of(
                    online(Period.MATIN, "Création fresque géante \"space painting\"", 5),
                    online(Period.MATIN, "Roller-skate", 6),
                    online(Period.MATIN, "Tournoi de jeux de société", 4),
                    online(Period.MATIN, "Visite de l'aquarium de Vannes", 8),
                    online(Period.MIDI, "Repas", 24),
                    online(Period.APRES_MIDI, "Activité manuelle : papier recyclé", 5));
            case WEDNESDAY -> List.of(
                    online(Period.MATIN, "Activité manuelle : Nail's art", 5),
                    online(Period.MATIN, "Handball", 8),
                    online(Period.MATIN, "Tournoi de pétanque", 5),
                    online(Period.MATIN, "Stage théâtre filmé", 6),
                    online(Period.MIDI, "Repas", 25),
                    online(Period.APRES_MIDI, "Balade en forêt", 8));
            case THURSDAY -> List.of(
                    online(Period.MATIN, "Atelier bijoux en perles", 5),
                    online(Period.MATIN, "Athlétisme", 6),
                    online(Period.MATIN, "Sortie pêche à pied", 8),
                    online(Period.MATIN, "Stage théâtre filmé", 6),
                    online(Period.MIDI, "Repas", 25),
                    online(Period.APRES_MIDI, "Atelier relaxation et stretching", 5));
            case FRIDAY -> List.of(
                    online(Period.MATIN, "Activité manuelle : peinture en folie !", 6),
                    online(Period.MATIN, "KLUB reporter", 6),
                    online(Period.MATIN, "Passerelle 11-12 ans", 6),
                    online(Period.MATIN, "Tournoi de switch", 7),
                    online(Period.MIDI, "Repas", 25),
                    online(Period.APRES_MIDI, "Activité manuelle : petits pots rigolos", 5));
            default -> List.of();
        };
    }

    /** A session showing {@code places} online places: capacity twice that, half online. */
    private static Slot online(Period period, String activity, int places) {
        return new Slot(period, activity, places * 2);
    }
}
