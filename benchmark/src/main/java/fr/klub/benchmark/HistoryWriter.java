package fr.klub.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.DemandeAccepted;
import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.programme.ProgrammeCreated;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.eventstore.AxonSchemas;
import fr.klub.platform.eventstore.KlubSerializers;
import fr.klub.platform.privacy.PersonalDataModule;

/**
 * Writes a large, consistent history through Axon's own {@link JdbcEventStorageEngine} (the
 * store's serializer and schema), as the command side would have produced it: a programme and its
 * sessions, then families that each start a draft for their two children, hold a few places
 * (session hold, period claim, reservation added: the three events of one click), deposit it and
 * are accepted. Places never exceed a session's online quota and no child has two activities in a
 * half-day, so the projections and the verification accept every event.
 */
final class HistoryWriter {

    static final int RESERVATIONS_PER_CHILD = 5;
    static final int EVENTS_PER_FAMILY = 4 + 2 * RESERVATIONS_PER_CHILD * 3;
    private static final int DAYS = 10;
    private static final int SLOTS = DAYS * 3;
    private static final int CAPACITY = 500;
    private static final long FIRST_NUMBER = 50_000_000L;

    private final JdbcEventStorageEngine engine;
    private final TransactionManager transactions;

    HistoryWriter(DataSource pool) {
        this(pool, KlubSystem.ENCRYPTION);
    }

    /** @param sealed personal values sealed with their family's key, as the command-service writes them */
    HistoryWriter(DataSource pool, boolean sealed) {
        this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(pool));
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(pool))
                .transactionManager(transactions)
                .eventSerializer(serializer(pool, sealed))
                .snapshotSerializer(KlubSerializers.jacksonSerializer())
                .schema(AxonSchemas.eventSchema())
                .dataType(byte[].class)
                .build();
    }

    /** Writes about {@code events} events; returns how many were written. */
    long write(long events, int threads) throws Exception {
        int families = (int) Math.max(1, events / EVENTS_PER_FAMILY);
        int groups = (families * 2 + 5) / 6;
        int perSlot = Math.max(1, (groups + CAPACITY - 1) / (CAPACITY - 10));
        UUID programmeId = UUID.randomUUID();
        LocalDate first = Population.firstDay().plusDays(100);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant opens = now.minus(1, ChronoUnit.DAYS);
        Instant closes = now.plus(30, ChronoUnit.DAYS);
        ZoneId zone = ZoneId.of("Europe/Paris");
        List<DomainEventMessage<?>> setup = new ArrayList<>();
        setup.add(event("Programme", programmeId.toString(), 0, new ProgrammeCreated(programmeId,
                "Historique de mesure", first, first.plusDays(DAYS - 1), 8, 12, opens, closes, 2, zone.getId())));
        UUID[][] sessions = new UUID[SLOTS][perSlot];
        for (int slot = 0; slot < SLOTS; slot++) {
            LocalDate date = first.plusDays(slot / 3);
            Period period = Period.values()[slot % 3];
            Instant startsAt = date.atTime(8 + 4 * (slot % 3), 0).atZone(zone).toInstant();
            for (int k = 0; k < perSlot; k++) {
                UUID sessionId = UUID.randomUUID();
                sessions[slot][k] = sessionId;
                setup.add(event("Session", sessionId.toString(), 0, new SessionScheduled(sessionId, programmeId,
                        "Activité " + slot + "-" + k, date, period, CAPACITY, CAPACITY, startsAt, opens, closes,
                        startsAt.minus(2, ChronoUnit.DAYS))));
            }
        }
        append(setup);
        long[][] sessionSequence = new long[SLOTS][perSlot];
        for (long[] row : sessionSequence) {
            java.util.Arrays.fill(row, 1);
        }
        AtomicLong written = new AtomicLong(setup.size());
        int chunk = 60;
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < families; from += chunk) {
                List<DomainEventMessage<?>> batch = new ArrayList<>();
                for (int f = from; f < Math.min(families, from + chunk); f++) {
                    family(f, programmeId, first, sessions, sessionSequence, now, batch);
                }
                written.addAndGet(batch.size());
                futures.add(writers.submit(() -> append(batch)));
                if (futures.size() > threads * 4) {
                    futures.remove(0).get();
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            writers.shutdownNow();
        }
        return written.get();
    }

    private void family(int f, UUID programmeId, LocalDate first, UUID[][] sessions, long[][] sessionSequence,
                        Instant now, List<DomainEventMessage<?>> batch) {
        UUID familyId = UUID.randomUUID();
        UUID demandeId = UUID.randomUUID();
        List<Child> children = List.of(
                new Child(UUID.randomUUID(), "Aîné", "HISTOIRE" + f, first.minusYears(10)),
                new Child(UUID.randomUUID(), "Cadet", "HISTOIRE" + f, first.minusYears(9)));
        batch.add(event("Family", familyId.toString(), 0, new FamilyRegistered(familyId,
                List.of(new Guardian(Civility.MME, "Parent", "HISTOIRE" + f, "histoire-" + f + "@bench.klub.localhost")),
                children)));
        String token = UUID.randomUUID().toString().replace("-", "");
        long demandeSequence = 0;
        batch.add(event("Demande", demandeId.toString(), demandeSequence++, new DemandeCreated(demandeId, familyId,
                programmeId, children.stream().map(Child::childId).toList(), token, now, now.plus(30, ChronoUnit.MINUTES))));
        List<ReservationRef> reservations = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int childIndex = 2 * f + c;
            UUID childId = children.get(c).childId();
            for (int k = 0; k < RESERVATIONS_PER_CHILD; k++) {
                int slot = (childIndex * RESERVATIONS_PER_CHILD + k) % SLOTS;
                int column = (childIndex / (SLOTS / RESERVATIONS_PER_CHILD)) % sessions[slot].length;
                UUID sessionId = sessions[slot][column];
                LocalDate date = first.plusDays(slot / 3);
                Period period = Period.values()[slot % 3];
                long sequence;
                synchronized (sessionSequence) {
                    sequence = sessionSequence[slot][column]++;
                }
                batch.add(event("Session", sessionId.toString(), sequence, new OnlinePlaceHeld(sessionId, childId, demandeId)));
                String childPeriod = childId + "/" + date + "/" + period;
                batch.add(event("ChildPeriod", childPeriod, 0, new ChildPeriodClaimed(childPeriod, childId, date, period,
                        sessionId)));
                batch.add(event("Demande", demandeId.toString(), demandeSequence++,
                        new ReservationAdded(demandeId, childId, sessionId)));
                reservations.add(new ReservationRef(childId, sessionId));
            }
        }
        batch.add(event("Demande", demandeId.toString(), demandeSequence++, new DemandeDeposited(demandeId, familyId,
                FIRST_NUMBER + f, now, token, List.copyOf(reservations))));
        batch.add(event("Demande", demandeId.toString(), demandeSequence, new DemandeAccepted(demandeId, familyId, now,
                List.copyOf(reservations))));
    }

    static Serializer serializer(DataSource pool, boolean sealed) {
        return sealed ? KlubSerializers.jacksonSerializer(PersonalDataModule.sealingWith(pool, KlubSystem.MASTER_KEY))
                : KlubSerializers.jacksonSerializer();
    }

    private void append(List<DomainEventMessage<?>> events) {
        transactions.executeInTransaction(() -> engine.appendEvents(events));
    }

    private static DomainEventMessage<?> event(String type, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.from(Map.of("actor", "bench-history", "role", "PARENT",
                        "correlationId", UUID.randomUUID().toString())));
    }
}
