package fr.klub.query.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;

/**
 * Realistic events of the seed's world: the programme "Activités et repas Klub 8-12 ans"
 * (19/10/2020 → 30/10/2020), its sessions, and families like Mme Laëtitia TEST's.
 */
public final class Klub {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    public static final LocalDate MONDAY = LocalDate.of(2020, 10, 19);
    public static final LocalDate TUESDAY = LocalDate.of(2020, 10, 20);
    public static final Instant OPENS_AT = Instant.parse("2020-09-28T08:00:00Z");
    public static final Instant CLOSES_AT = Instant.parse("2020-10-16T18:00:00Z");
    /** When parents book in these tests: inside the booking window. */
    public static final Instant BOOKING_TIME = Instant.parse("2020-10-01T08:30:00Z");

    private Klub() {
    }

    public static ProgrammeCreated programme(UUID programmeId) {
        return new ProgrammeCreated(programmeId, "Activités et repas Klub 8-12 ans", MONDAY,
                LocalDate.of(2020, 10, 30), 8, 12, OPENS_AT, CLOSES_AT, 2, PARIS.getId());
    }

    /** A session with half its places online (rounded up), as the town does by default. */
    public static SessionScheduled session(UUID sessionId, UUID programmeId, String activity, LocalDate date,
                                           Period period, int capacity) {
        return session(sessionId, programmeId, activity, date, period, capacity, (capacity + 1) / 2);
    }

    public static SessionScheduled session(UUID sessionId, UUID programmeId, String activity, LocalDate date,
                                           Period period, int capacity, int onlineQuota) {
        ZonedDateTime startsAt = date.atTime(period.startTime()).atZone(PARIS);
        return new SessionScheduled(sessionId, programmeId, activity, date, period, capacity, onlineQuota,
                startsAt.toInstant(), OPENS_AT, CLOSES_AT, date.minusDays(2).atStartOfDay(PARIS).toInstant());
    }

    /** Mme Laëtitia TEST with Thaïs and Eden, as in the seed. */
    public static FamilyRegistered testFamily(UUID familyId, UUID thais, UUID eden) {
        return new FamilyRegistered(familyId,
                List.of(new Guardian(Civility.MME, "Laëtitia", "TEST", "laetitia.test@example.org")),
                List.of(new Child(thais, "Thaïs", "TEST", LocalDate.of(2010, 5, 12)),
                        new Child(eden, "Eden", "TEST", LocalDate.of(2012, 2, 3))));
    }

    public static FamilyRegistered family(UUID familyId, String guardianLastName, UUID childId, String childFirstName) {
        return new FamilyRegistered(familyId,
                List.of(new Guardian(Civility.M, "Jean", guardianLastName, "jean@example.org")),
                List.of(new Child(childId, childFirstName, guardianLastName, LocalDate.of(2011, 1, 1))));
    }

    public static DemandeCreated draft(UUID demandeId, UUID familyId, UUID programmeId, Instant at, UUID... children) {
        return new DemandeCreated(demandeId, familyId, programmeId, List.of(children), "token-" + demandeId, at,
                at.plusSeconds(1800));
    }
}
