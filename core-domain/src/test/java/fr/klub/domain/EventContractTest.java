package fr.klub.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.childperiod.ChildPeriodFreed;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.DemandeExpired;
import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.demande.ReservationRemoved;
import fr.klub.domain.demande.ReservationWithdrawn;
import fr.klub.domain.demande.DraftExpiryDue;
import fr.klub.domain.demande.DemandeStatus;
import fr.klub.domain.demande.DraftClosed;
import fr.klub.domain.demande.DraftOpened;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.ChildRectified;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.GuardiansRectified;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.LotteryApplyDue;
import fr.klub.domain.programme.LotteryDrawDue;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.demande.LotteryEntered;
import fr.klub.domain.demande.WishGranted;
import fr.klub.domain.demande.WishGrantSkipped;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.demande.WishRemoved;
import fr.klub.domain.session.Channel;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.domain.session.PlaceReleased;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferAccepted;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.OfferExpiryDue;
import fr.klub.domain.session.OfferLapsed;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.childperiod.ChildPeriodPassedOver;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.domain.testing.EventJson;

/**
 * Events live forever in the store: each one's JSON is compared with a snapshot committed under
 * {@code src/test/resources/event-snapshots/}, so that any change to an event's shape shows up in
 * review. A change needs a new {@code @Revision} and an upcaster, not an edited snapshot. Snapshots
 * are never written by the build: a missing one fails, printing the JSON to commit deliberately.
 */
class EventContractTest {

    private static final ObjectMapper JSON = EventJson.objectMapper();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();

    private static final UUID PROGRAMME = UUID.fromString("6b1f3c2e-0d4a-4f7e-9a51-0c3e8b7d2a10");
    private static final UUID FAMILY = UUID.fromString("0e7c9a44-1b2d-4c6e-8f10-3a5b7c9d1e20");
    private static final UUID CHILD = UUID.fromString("5d2e8f10-7a3b-4c9d-8e1f-2a4b6c8d0e30");
    private static final UUID SECOND_CHILD = UUID.fromString("9a4c6e80-2b5d-4f1a-8c3e-5b7d9f1a3c40");
    private static final UUID SESSION = UUID.fromString("c3e5a7b9-4d6f-4a8c-9e0b-6d8f0a2c4e50");
    private static final UUID SECOND_SESSION = UUID.fromString("e1a3c5e7-6f8b-4d0a-8c2e-7f9b1d3f5a60");
    private static final UUID DEMANDE = UUID.fromString("2f4a6c8e-8b0d-4e2f-9a4c-8e0a2c4e6b70");
    private static final LocalDate MONDAY = LocalDate.of(2020, 10, 19);
    private static final String CHILD_PERIOD = CHILD + "/2020-10-19/MATIN";
    private static final List<ReservationRef> RESERVATIONS = List.of(new ReservationRef(CHILD, SESSION),
            new ReservationRef(SECOND_CHILD, SECOND_SESSION));

    /** One realistic sample of every event (fictitious people: no personal data in the repository). */
    static List<Object> samples() {
        return List.of(
                new ProgrammeCreated(PROGRAMME, "Activités et repas Klub 8-12 ans", MONDAY, LocalDate.of(2020, 10, 30),
                        8, 12, Instant.parse("2020-09-28T06:00:00Z"), Instant.parse("2020-10-16T22:00:00Z"), 2,
                        "Europe/Paris"),
                new FamilyRegistered(FAMILY,
                        List.of(new Guardian(Civility.MME, "Camille", "Exemple", "camille.exemple@example.org")),
                        List.of(new Child(CHILD, "Alix", "Exemple", LocalDate.of(2011, 3, 14)),
                                new Child(SECOND_CHILD, "Noa", "Exemple", LocalDate.of(2009, 11, 2)))),
                new GuardiansRectified(FAMILY, List.of(new Guardian(Civility.MME, "Camille", "Exemple-Martin",
                        "camille.martin@example.org"), new Guardian(Civility.M, "Paul", "Exemple", "paul.exemple@example.org"))),
                new ChildRectified(FAMILY, CHILD, "Alix-Marie", "Exemple", LocalDate.of(2011, 3, 15)),
                new SessionScheduled(SESSION, PROGRAMME, "Danse latine", MONDAY, Period.MATIN, 10, 5,
                        Instant.parse("2020-10-19T07:00:00Z"), Instant.parse("2020-09-28T06:00:00Z"),
                        Instant.parse("2020-10-16T22:00:00Z"), Instant.parse("2020-10-16T22:00:00Z")),
                new OnlinePlaceHeld(SESSION, CHILD, DEMANDE),
                new OnsitePlaceBooked(SESSION, SECOND_CHILD),
                new PlaceReleased(SESSION, CHILD, Channel.ONLINE, DEMANDE, ReleaseReason.DEMANDE_REFUSED),
                new SessionQuotaChanged(SESSION, 12, 6),
                new SessionCancelled(SESSION, "Intervenant absent"),
                new ChildPeriodClaimed(CHILD_PERIOD, CHILD, MONDAY, Period.MATIN, SESSION),
                new ChildPeriodFreed(CHILD_PERIOD, CHILD, MONDAY, Period.MATIN, SESSION),
                new DemandeCreated(DEMANDE, FAMILY, PROGRAMME, List.of(CHILD, SECOND_CHILD), "trk-4f9c2a7e",
                        Instant.parse("2020-10-01T08:00:00Z"), Instant.parse("2020-10-01T08:30:00Z")),
                new ReservationAdded(DEMANDE, CHILD, SESSION),
                new ReservationRemoved(DEMANDE, CHILD, SESSION),
                new DemandeDeposited(DEMANDE, FAMILY, 11107, Instant.parse("2020-10-01T08:12:31.250Z"), "trk-4f9c2a7e",
                        RESERVATIONS),
                new DemandeAccepted(DEMANDE, FAMILY, Instant.parse("2020-10-03T09:00:00Z"), RESERVATIONS),
                new DemandeRefused(DEMANDE, FAMILY, "Dossier incomplet : attestation d'assurance manquante.",
                        Instant.parse("2020-10-03T09:00:00Z"), RESERVATIONS),
                new DemandeCancelled(DEMANDE, FAMILY, RESERVATIONS),
                new DemandeExpired(DEMANDE, FAMILY, List.of()),
                new ReservationWithdrawn(DEMANDE, CHILD, SESSION, ReleaseReason.CANCELLED_BY_FAMILY),
                new DraftExpiryDue(Instant.parse("2020-10-01T08:30:00Z")),
                new DraftOpened(FAMILY + "/drafts", FAMILY, DEMANDE, PROGRAMME),
                new DraftClosed(FAMILY + "/drafts", FAMILY, DEMANDE, DemandeStatus.DEPOSITED),
                new ChildQueued(SESSION, CHILD, FAMILY, Instant.parse("2020-10-01T08:05:00Z")),
                new PlaceOffered(SESSION, CHILD, FAMILY, Instant.parse("2020-10-02T10:00:00Z"),
                        Instant.parse("2020-10-03T10:00:00Z"), List.of(SECOND_CHILD)),
                new OfferAccepted(SESSION, CHILD, DEMANDE, Instant.parse("2020-10-02T18:30:00Z")),
                new OfferDeclined(SESSION, CHILD, Instant.parse("2020-10-02T18:30:00Z")),
                new OfferLapsed(SESSION, CHILD, Instant.parse("2020-10-03T10:00:00Z")),
                new QueueEntryRemoved(SESSION, CHILD, QueueExit.REMOVED_BY_STAFF, "Inscription en double"),
                new OfferExpiryDue(CHILD, Instant.parse("2020-10-03T10:00:00Z")),
                new ChildPeriodPassedOver(CHILD_PERIOD, CHILD, MONDAY, Period.MATIN, SECOND_SESSION, SESSION),
                new LotteryAnnounced(PROGRAMME, Instant.parse("2020-10-05T22:00:00Z"),
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new WishRecorded(DEMANDE, CHILD, SESSION, MONDAY, Period.MATIN, 1),
                new WishRemoved(DEMANDE, CHILD, SESSION),
                new LotteryEntered(DEMANDE, FAMILY, PROGRAMME, Instant.parse("2020-10-01T08:12:31.250Z")),
                new WishGranted(DEMANDE, CHILD, SESSION),
                new WishGrantSkipped(DEMANDE, SECOND_CHILD, SECOND_SESSION, "PERIOD_ALREADY_BOOKED"),
                new LotteryApplyDue(40),
                new LotteryApplicationProgressed(PROGRAMME, 40, 5100),
                new LotteryDrawDue(Instant.parse("2020-10-05T22:00:00Z")),
                new LotteryDrawn(PROGRAMME, "74657374", Instant.parse("2020-10-05T22:00:00Z"), List.of(FAMILY),
                        List.of(new LotteryDrawn.Granted(DEMANDE, CHILD, SESSION)),
                        List.of(new LotteryDrawn.Waitlisted(SECOND_CHILD, SECOND_SESSION, 1))),
                new FamilyErased(FAMILY, Instant.parse("2023-11-02T09:15:00Z"), ErasureCause.REQUEST));
    }

    static Stream<Arguments> eachSample() {
        return samples().stream().map(sample -> Arguments.of(sample.getClass().getSimpleName(), sample));
    }

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fr.klub.domain");

    /** Events are what the aggregates source themselves from, plus anything marked as a revisioned contract. */
    private static Set<String> eventClasses() {
        Set<String> events = new TreeSet<>();
        for (JavaClass type : DOMAIN) {
            if (type.isAnnotatedWith(Revision.class)) {
                events.add(type.getName());
            }
            type.getMethods().stream()
                    .filter(method -> method.isAnnotatedWith(EventSourcingHandler.class))
                    .forEach(method -> events.add(method.getRawParameterTypes().get(0).getName()));
        }
        return events;
    }

    @Test
    void theDomainHasEvents() {
        assertThat(eventClasses()).as("events found by scanning fr.klub.domain").hasSizeGreaterThanOrEqualTo(19);
    }

    @Test
    void everyEventCarriesARevision() {
        List<String> withoutRevision = eventClasses().stream()
                .filter(name -> !DOMAIN.get(name).isAnnotatedWith(Revision.class))
                .toList();
        assertThat(withoutRevision).as("events without @Revision").isEmpty();
    }

    @Test
    void everyEventHasASampleAndASnapshot() {
        Set<String> sampled = samples().stream().map(sample -> sample.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sampled).as("add a sample to EventContractTest.samples() for every new event")
                .isEqualTo(eventClasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachSample")
    void serializedFormMatchesTheCommittedSnapshot(String eventName, Object sample) throws IOException {
        String actual = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sample);
        String snapshotPath = "event-snapshots/" + eventName + ".json";
        try (InputStream committed = getClass().getClassLoader().getResourceAsStream(snapshotPath)) {
            if (committed == null) {
                fail("No committed snapshot for " + eventName + ". If this event is new, review its JSON and commit it as"
                        + " core-domain/src/test/resources/" + snapshotPath + ":\n" + actual + "\n");
            }
            String expected = new String(committed.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(JSON.readTree(actual))
                    .as("%s no longer serializes as its committed snapshot %s: an event's shape never changes"
                            + " without a new @Revision and an upcaster. Actual JSON:%n%s", eventName, snapshotPath, actual)
                    .isEqualTo(JSON.readTree(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachSample")
    void snapshotDeserializesBackToTheSameEvent(String eventName, Object sample) throws IOException {
        String snapshotPath = "event-snapshots/" + eventName + ".json";
        try (InputStream committed = getClass().getClassLoader().getResourceAsStream(snapshotPath)) {
            assertThat(committed).as("committed snapshot " + snapshotPath).isNotNull();
            assertThat(JSON.readValue(committed, sample.getClass())).isEqualTo(sample);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachSample")
    void axonsJacksonSerializerWritesRevisionOneAndReadsItBack(String eventName, Object sample) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(sample, byte[].class);

        assertThat(serialized.getType().getName()).isEqualTo(sample.getClass().getName());
        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        Object back = SERIALIZER.deserialize(serialized);
        assertThat(back).isEqualTo(sample);
    }

    @Test
    void samplesAreDistinctEventTypes() {
        Map<Class<?>, Long> perType = samples().stream()
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertThat(perType.values()).containsOnly(1L);
        assertThat(perType.keySet()).allMatch(type -> type.isAnnotationPresent(Revision.class), "annotated with @Revision");
        assertThat(perType).hasSize(samples().size());
    }
}
