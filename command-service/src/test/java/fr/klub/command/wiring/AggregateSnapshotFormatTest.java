package fr.klub.command.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.Session;
import fr.klub.domain.shared.Period;
import fr.klub.platform.eventstore.KlubSerializers;

/**
 * A session read back from its snapshot keeps its waiting list, offers included. Found by the
 * waiting-list concurrency test: the list is a plain class inside the session, written as an empty
 * object, so a session loaded from a snapshot had forgotten who waited and offered out of turn.
 */
class AggregateSnapshotFormatTest {

    @Test
    void aSessionSnapshotKeepsItsWaitingListInOrder() throws Exception {
        JacksonSerializer serializer = KlubSerializers.jacksonSerializer();
        AggregateSnapshotFormat.aggregateSnapshotMixins().postProcessAfterInitialization(serializer, "serializer");
        UUID sessionId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        Instant now = Instant.parse("2020-10-01T08:00:00Z");
        Session session = newSession();
        apply(session, new ChildQueued(sessionId, first, UUID.randomUUID(), now));
        apply(session, new ChildQueued(sessionId, second, UUID.randomUUID(), now.plusSeconds(1)));
        apply(session, new PlaceOffered(sessionId, first, UUID.randomUUID(), now, now.plusSeconds(3600), List.of()));

        SerializedObject<byte[]> snapshot = serializer.serialize(session, byte[].class);
        Session reloaded = serializer.deserialize(snapshot);

        assertThat(reloaded.waitlist()).isEqualTo(session.waitlist()).hasSize(2);
        assertThat(reloaded.waitingChildren()).extracting(entry -> entry.childId()).containsExactly(second);
        assertThat(reloaded.waitlistEntry(first)).hasValueSatisfying(entry -> assertThat(entry.offered()).isTrue());
    }

    /** Found by the draft-expiry restart test: wishes kept in a map keyed by reservation could not be read back. */
    @Test
    void aDemandeSnapshotKeepsItsLotteryWishes() throws Exception {
        JacksonSerializer serializer = KlubSerializers.jacksonSerializer();
        AggregateSnapshotFormat.aggregateSnapshotMixins().postProcessAfterInitialization(serializer, "serializer");
        UUID demandeId = UUID.randomUUID();
        UUID childId = UUID.randomUUID();
        Instant now = Instant.parse("2020-10-01T08:00:00Z");
        Constructor<Demande> constructor = Demande.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        Demande demande = constructor.newInstance();
        invoke(demande, "on", new Class<?>[] {DemandeCreated.class}, new DemandeCreated(demandeId, UUID.randomUUID(),
                UUID.randomUUID(), List.of(childId), "jeton", now, now.plusSeconds(1800)));
        invoke(demande, "on", new Class<?>[] {WishRecorded.class, Instant.class}, new WishRecorded(demandeId, childId,
                UUID.randomUUID(), LocalDate.of(2020, 10, 19), Period.MATIN, 2), now);
        invoke(demande, "on", new Class<?>[] {DemandeDeposited.class}, new DemandeDeposited(demandeId,
                UUID.randomUUID(), 7, now, "jeton", List.of()));

        Demande reloaded = serializer.deserialize(serializer.serialize(demande, byte[].class));

        assertThat(reloaded.depositedWishes()).isEqualTo(demande.depositedWishes()).hasSize(1);
    }

    private static void invoke(Object target, String name, Class<?>[] types, Object... arguments) throws Exception {
        Method handler = target.getClass().getDeclaredMethod(name, types);
        handler.setAccessible(true);
        handler.invoke(target, arguments);
    }

    private static Session newSession() throws Exception {
        Constructor<Session> constructor = Session.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    /** The session's own event-sourcing handler, as the repository would call it. */
    private static void apply(Session session, Object event) throws Exception {
        Method handler = Session.class.getDeclaredMethod("on", event.getClass());
        handler.setAccessible(true);
        handler.invoke(session, event);
    }
}
