package fr.klub.domain.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodId;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;

/**
 * The seed's programme ("Activités et repas Klub 8-12 ans", 19/10/2020 → 30/10/2020, ages 8–12)
 * and the instants around it, so that every test speaks about the same calendar.
 * Instants are computed exactly as {@code SessionScheduling} does, in the town's time zone.
 */
public final class Klub {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    public static final UUID PROGRAMME = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    public static final UUID OTHER_PROGRAMME = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    public static final String TITLE = "Activités et repas Klub 8-12 ans";
    public static final LocalDate FIRST_DAY = LocalDate.of(2020, 10, 19);
    public static final LocalDate LAST_DAY = LocalDate.of(2020, 10, 30);
    public static final int MIN_AGE = 8;
    public static final int MAX_AGE = 12;
    /** Monday 28/09/2020, 08:00 in Paris. */
    public static final Instant BOOKING_OPENS = Instant.parse("2020-09-28T06:00:00Z");
    /** Sunday 25/10/2020, midnight in Paris: late bookings stay possible for the second week. */
    public static final Instant BOOKING_CLOSES = Instant.parse("2020-10-24T22:00:00Z");
    public static final int CANCELLATION_DAYS = 2;
    /** A quiet instant inside the booking window, before any session starts. */
    public static final Instant T0 = Instant.parse("2020-10-01T08:00:00Z");

    public static final LocalDate MONDAY = FIRST_DAY;
    public static final LocalDate TUESDAY = FIRST_DAY.plusDays(1);

    public static final UUID FAMILY = UUID.fromString("00000000-0000-0000-0000-00000000f001");
    public static final UUID OTHER_FAMILY = UUID.fromString("00000000-0000-0000-0000-00000000f002");
    public static final UUID THAIS = UUID.fromString("00000000-0000-0000-0000-00000000c001");
    public static final UUID EDEN = UUID.fromString("00000000-0000-0000-0000-00000000c002");
    public static final UUID OTHER_CHILD = UUID.fromString("00000000-0000-0000-0000-00000000c003");

    private Klub() {
    }

    public static ProgrammeCreated programme() {
        return programme(PROGRAMME);
    }

    public static ProgrammeCreated programme(UUID programmeId) {
        return new ProgrammeCreated(programmeId, TITLE, FIRST_DAY, LAST_DAY, MIN_AGE, MAX_AGE, BOOKING_OPENS,
                BOOKING_CLOSES, CANCELLATION_DAYS, PARIS.getId());
    }

    public static Guardian guardian() {
        return new Guardian(Civility.MME, "Camille", "Exemple", "camille.exemple@example.org");
    }

    /** Two children of 9 and 11 on the programme's first day. */
    public static FamilyRegistered family() {
        return new FamilyRegistered(FAMILY, List.of(guardian()), List.of(
                child(THAIS, "Thaïs", FIRST_DAY.minusYears(9)),
                child(EDEN, "Eden", FIRST_DAY.minusYears(11))));
    }

    public static FamilyRegistered otherFamily() {
        return new FamilyRegistered(OTHER_FAMILY,
                List.of(new Guardian(Civility.M, "Dominique", "Autre", "dominique.autre@example.org")),
                List.of(child(OTHER_CHILD, "Sacha", FIRST_DAY.minusYears(10))));
    }

    public static Child child(UUID childId, String firstName, LocalDate birthDate) {
        return new Child(childId, firstName, "Exemple", birthDate);
    }

    public static Instant startOf(LocalDate date, Period period) {
        return date.atTime(period.startTime()).atZone(PARIS).toInstant();
    }

    public static Instant cancellableUntil(LocalDate date) {
        return date.minusDays(CANCELLATION_DAYS).atStartOfDay(PARIS).toInstant();
    }

    public static SessionScheduled session(UUID sessionId, String activity, LocalDate date, Period period,
            int capacity, int onlineQuota) {
        return session(sessionId, PROGRAMME, activity, date, period, capacity, onlineQuota);
    }

    public static SessionScheduled session(UUID sessionId, UUID programmeId, String activity, LocalDate date,
            Period period, int capacity, int onlineQuota) {
        return new SessionScheduled(sessionId, programmeId, activity, date, period, capacity, onlineQuota,
                startOf(date, period), BOOKING_OPENS, BOOKING_CLOSES, cancellableUntil(date));
    }

    public static ChildPeriodId periodOf(UUID childId, SessionScheduled session) {
        return new ChildPeriodId(childId, session.date(), session.period());
    }

    public static ChildPeriodClaimed claimed(UUID childId, SessionScheduled session) {
        ChildPeriodId id = periodOf(childId, session);
        return new ChildPeriodClaimed(id.toString(), childId, session.date(), session.period(), session.sessionId());
    }

    public static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
