package fr.klub.domain.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;

import fr.klub.domain.booking.Enrolment;
import fr.klub.domain.booking.Places;
import fr.klub.domain.booking.ReservationDesk;
import fr.klub.domain.booking.SessionCancellation;
import fr.klub.domain.booking.Waitlists;
import fr.klub.domain.childperiod.ChildPeriod;
import fr.klub.domain.childperiod.ChildPeriodId;
import fr.klub.domain.demande.CreateDemande;
import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.DraftLimit;
import fr.klub.domain.demande.FamilyDrafts;
import fr.klub.domain.demande.HoldOutcome;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.Family;
import fr.klub.domain.family.RegisterFamily;
import fr.klub.domain.lottery.LotteryApplication;
import fr.klub.domain.lottery.LotteryDraw;
import fr.klub.domain.programme.Allocation;
import fr.klub.domain.programme.CreateProgramme;
import fr.klub.domain.programme.LotteryApplicationProgressed;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.session.ScheduleSession;
import fr.klub.domain.session.Session;
import fr.klub.domain.session.SessionScheduling;
import fr.klub.domain.session.WaitlistOffers;
import fr.klub.domain.shared.Period;

/**
 * The whole domain on a real Axon configuration: every aggregate through {@code AggregateConfigurer},
 * the external command handlers registered, and Places / Enrolment / ChildDirectory as components so
 * that Axon injects them into handler parameters. In-memory event storage, Axon's own deadline manager.
 * <p>
 * Commands carry instants close to the wall clock, because the deadline manager runs on it.
 */
public final class AxonKlub implements AutoCloseable {

    public static final UUID PROGRAMME = Klub.PROGRAMME;
    /** How long an offered place waits for an answer here: long enough that no offer lapses unless a test says so. */
    public static final Duration OFFER_TIME = Duration.ofHours(24);
    /** The draw's steps per batch here: small, so that a test's draw is applied in several batches. */
    public static final int APPLY_BATCH = 2;

    public final InMemoryChildDirectory directory = new InMemoryChildDirectory();
    public final InMemoryLotteryEntries lotteryEntries = new InMemoryLotteryEntries();
    /** The seeds of lottery programmes, in hex, as the command-service's table keeps them. */
    public final Map<UUID, String> seeds = new ConcurrentHashMap<>();
    public final Configuration config;
    public final CommandGateway gateway;
    /** "Now" for the commands of a test: inside the booking window, weeks before the first session. */
    public final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public final LocalDate firstDay = LocalDate.ofInstant(now, Klub.PARIS).plusDays(40);

    private AxonKlub(Duration offerTime) {
        config = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build())
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Programme.class)
                .configureAggregate(Family.class)
                .configureAggregate(Session.class)
                .configureAggregate(ChildPeriod.class)
                .configureAggregate(Demande.class)
                .configureAggregate(FamilyDrafts.class)
                .registerComponent(ChildDirectory.class, c -> directory)
                .registerComponent(Places.class,
                        c -> new Places(c.repository(Session.class), c.repository(ChildPeriod.class), offerTime))
                .registerComponent(WaitlistOffers.class, c -> new OffersOnUse(() -> c.getComponent(Places.class)))
                .registerComponent(DraftLimit.class,
                        c -> new DraftLimit(c.repository(FamilyDrafts.class), DraftLimit.DEFAULT_MAX_OPEN))
                .registerComponent(Enrolment.class, c -> new Enrolment(c.repository(Family.class),
                        c.repository(Programme.class), c.getComponent(ChildDirectory.class)))
                .registerCommandHandler(c -> new SessionScheduling(c.repository(Programme.class),
                        c.repository(Session.class)))
                .registerCommandHandler(c -> new ReservationDesk(c.getComponent(Places.class),
                        c.getComponent(Enrolment.class), c.repository(Demande.class)))
                .registerCommandHandler(c -> new Waitlists(c.getComponent(Places.class),
                        c.getComponent(Enrolment.class), c.getComponent(ChildDirectory.class), c.repository(Demande.class)))
                .registerCommandHandler(c -> new SessionCancellation(c.getComponent(Places.class),
                        c.repository(Demande.class)))
                .registerComponent(LotteryDraw.class, c -> new LotteryDraw(
                        new LazyRepository<>(() -> c.repository(Programme.class)),
                        new LazyRepository<>(() -> c.repository(Demande.class)), c.getComponent(Places.class), lotteryEntries,
                        programmeId -> Optional.ofNullable(seeds.get(programmeId))))
                .registerCommandHandler(c -> c.getComponent(LotteryDraw.class))
                .registerComponent(LotteryApplication.class, c -> new LotteryApplication(
                        new LazyRepository<>(() -> c.repository(Demande.class)), c.getComponent(Places.class),
                        c.getComponent(ChildDirectory.class), APPLY_BATCH))
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> directory)
                        .registerEventHandler(c -> lotteryEntries))
                .start();
        gateway = config.commandGateway();
    }

    /** Starts the domain with the seed's programme, whose booking window is open now. */
    public static AxonKlub start() {
        return start(OFFER_TIME);
    }

    /** As {@link #start()}, with offers that lapse after {@code offerTime} on Axon's deadline manager. */
    public static AxonKlub start(Duration offerTime) {
        AxonKlub klub = new AxonKlub(offerTime);
        klub.gateway.sendAndWait(new CreateProgramme(PROGRAMME, Klub.TITLE, klub.firstDay, klub.firstDay.plusDays(11),
                8, 12, klub.now.minus(Duration.ofDays(1)), klub.now.plus(Duration.ofDays(30)), 2, Klub.PARIS));
        return klub;
    }

    /** Registers a family whose children are all 10 on the programme's first day; returns their ids. */
    public List<UUID> family(UUID familyId, int children) {
        List<Child> kids = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            kids.add(new Child(Klub.id(familyId + " child " + i), "Enfant" + i, "Exemple", firstDay.minusYears(10)));
        }
        gateway.sendAndWait(new RegisterFamily(familyId, List.of(Klub.guardian()), kids));
        return kids.stream().map(Child::childId).toList();
    }

    public UUID session(String activity, LocalDate date, Period period, int capacity) {
        return session(PROGRAMME, activity, date, period, capacity);
    }

    public UUID session(UUID programmeId, String activity, LocalDate date, Period period, int capacity) {
        String key = activity + " " + date + " " + period;
        UUID sessionId = Klub.id(programmeId.equals(PROGRAMME) ? key : programmeId + " " + key);
        gateway.sendAndWait(new ScheduleSession(sessionId, programmeId, activity, date, period, capacity, null));
        return sessionId;
    }

    /** A second programme, in lottery mode: wishes from yesterday until {@code wishesCloseAt}. */
    public UUID lotteryProgramme(Instant wishesCloseAt, String seedCommitment) {
        UUID programmeId = Klub.OTHER_PROGRAMME;
        gateway.sendAndWait(new CreateProgramme(programmeId, "Tirage au sort", firstDay, firstDay.plusDays(11), 8, 12,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), 2, Klub.PARIS, Allocation.LOTTERY,
                wishesCloseAt, seedCommitment));
        return programmeId;
    }

    /** A draft that will not expire during a test. */
    public UUID draft(UUID familyId, List<UUID> children) {
        return draft(PROGRAMME, familyId, children);
    }

    public UUID draft(UUID programmeId, UUID familyId, List<UUID> children) {
        UUID demandeId = UUID.randomUUID();
        gateway.sendAndWait(new CreateDemande(demandeId, familyId, programmeId, children, "jeton-" + demandeId,
                Duration.ofHours(1), now));
        return demandeId;
    }

    public HoldOutcome reserve(UUID demandeId, UUID familyId, UUID childId, UUID sessionId) {
        return gateway.sendAndWait(new ReserveSession(demandeId, familyId, childId, sessionId, now));
    }

    /** The payloads of one aggregate's stream, as stored. */
    public List<Object> events(Object aggregateId) {
        return config.eventStore().readEvents(aggregateId.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    public <E> List<E> events(Object aggregateId, Class<E> type) {
        return events(aggregateId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until the programme's draw is applied (its steps run on the deadline manager, after the draw). */
    public List<LotteryApplicationProgressed> awaitDrawApplied(UUID programmeId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(programmeId,
                LotteryApplicationProgressed.class).stream().anyMatch(LotteryApplicationProgressed::finished));
        return events(programmeId, LotteryApplicationProgressed.class);
    }

    public static String periodKey(UUID childId, LocalDate date, Period period) {
        return new ChildPeriodId(childId, date, period).toString();
    }

    @Override
    public void close() {
        config.shutdown();
    }
}
