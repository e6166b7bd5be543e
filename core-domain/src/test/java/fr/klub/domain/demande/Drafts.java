package fr.klub.domain.demande;

import static fr.klub.domain.testing.Klub.EDEN;
import static fr.klub.domain.testing.Klub.FAMILY;
import static fr.klub.domain.testing.Klub.MONDAY;
import static fr.klub.domain.testing.Klub.PROGRAMME;
import static fr.klub.domain.testing.Klub.T0;
import static fr.klub.domain.testing.Klub.THAIS;
import static fr.klub.domain.testing.Klub.TUESDAY;
import static fr.klub.domain.testing.Klub.id;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.testing.InMemoryAggregates;
import fr.klub.domain.testing.Klub;

/** The demande under test, the sessions of the seed's first Monday, and a fixture wired to real services. */
final class Drafts {

    static final UUID DEMANDE = id("demande 11107");
    static final UUID OTHER_DEMANDE = id("demande 11108");
    static final String TOKEN = "jeton-de-suivi-7f3c9a";
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    static final SessionScheduled DANSE = Klub.session(id("danse latine"), "Danse latine", MONDAY, Period.MATIN, 10, 5);
    static final SessionScheduled MULTISPORTS = Klub.session(id("multisports"), "Multisports", MONDAY, Period.MATIN, 16, 8);
    static final SessionScheduled GRANDS_JEUX = Klub.session(id("grands jeux"), "Grands jeux pour tous !", MONDAY,
            Period.APRES_MIDI, 44, 22);
    static final SessionScheduled ROLLER = Klub.session(id("roller"), "Roller-skate", TUESDAY, Period.MATIN, 12, 6);

    private Drafts() {
    }

    /** A Demande fixture whose handlers get the real Places, Enrolment and DraftLimit over the given world. */
    static FixtureConfiguration<Demande> fixture(InMemoryAggregates world) {
        FixtureConfiguration<Demande> fixture = new AggregateTestFixture<>(Demande.class);
        fixture.registerInjectableResource(world.places());
        fixture.registerInjectableResource(world.enrolment());
        fixture.registerInjectableResource(world.draftLimit());
        return fixture;
    }

    /** The seed's world plus the Monday and Tuesday sessions. */
    static InMemoryAggregates world() {
        return InMemoryAggregates.withKlub().session(DANSE).session(MULTISPORTS).session(GRANDS_JEUX).session(ROLLER);
    }

    static CreateDemande create(Instant at, UUID... children) {
        return new CreateDemande(DEMANDE, FAMILY, PROGRAMME, List.of(children), TOKEN, TIMEOUT, at);
    }

    static DemandeCreated created() {
        return new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(THAIS, EDEN), TOKEN, T0, T0.plus(TIMEOUT));
    }

    static ReservationAdded added(UUID child, SessionScheduled session) {
        return new ReservationAdded(DEMANDE, child, session.sessionId());
    }

    static ReservationRef ref(UUID child, SessionScheduled session) {
        return new ReservationRef(child, session.sessionId());
    }

    static String periodKey(UUID child, SessionScheduled session) {
        return Klub.periodOf(child, session).toString();
    }
}
