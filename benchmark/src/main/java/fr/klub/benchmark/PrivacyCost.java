package fr.klub.benchmark;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;

import fr.klub.domain.childperiod.ChildPeriodClaimed;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.session.OnlinePlaceHeld;
import fr.klub.domain.shared.Period;
import fr.klub.platform.eventstore.AxonSchemas;

/**
 * What the crypto-shredding costs, on the benchmark's PostgreSQL (fsync on), without the services:
 * {@code ./benchmark.sh privacy}. The same synthetic history as the replay phase is written with personal values
 * sealed, then in clear, and read back through Axon's storage engine with every payload deserialized (a cold key
 * cache, as a rebuild after a restart): the serializer path's share of the replay. Then the serializer's time per
 * click (its three events carry no personal value) and per family registration (a new key, wrapped and inserted,
 * and six values sealed). docs/benchmark.md, "Personal data encryption".
 */
final class PrivacyCost {

    private PrivacyCost() {
    }

    static Map<String, Object> measure(Settings settings, int events) throws Exception {
        Path data = settings.work().resolve("pgdata-privacy");
        KlubSystem.deleteRecursively(data);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("events", events);
        try (Database database = Database.start(data, KlubSystem.freePort(), settings.fsync());
             HikariDataSource pool = database.pool("privacy", 8)) {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true).load().migrate();
            int round = 0;
            for (boolean sealed : new boolean[] {false, true, false, true}) {
                results.put((sealed ? "on" : "off") + "History" + (++round), history(pool, sealed, events));
            }
            results.put("perRegistrationReadMicros", Map.of("off", perRegistrationRead(pool, false),
                    "on", perRegistrationRead(pool, true)));
            results.put("perClickMicros", Map.of("off", perClick(pool, false), "on", perClick(pool, true)));
            results.put("perRegistrationMicros", Map.of("off", perRegistration(pool, false),
                    "on", perRegistration(pool, true)));
        }
        System.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(results));
        return results;
    }

    private static Map<String, Object> history(DataSource pool, boolean sealed, int events) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        jdbc.execute("TRUNCATE domain_event_entry, family_data_key, child_directory RESTART IDENTITY");
        long begin = System.nanoTime();
        long written = new HistoryWriter(pool, sealed).write(events, 1);
        double writeSeconds = (System.nanoTime() - begin) / 1e9;
        // a fresh serializer: its key cache is cold, as in a service rebuilding after a restart
        Serializer reader = HistoryWriter.serializer(pool, true);
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(pool))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(pool)))
                .eventSerializer(reader).snapshotSerializer(reader)
                .schema(AxonSchemas.eventSchema()).dataType(byte[].class).batchSize(1000).build();
        begin = System.nanoTime();
        long read;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            read = stream.map(TrackedEventMessage::getPayload).filter(payload -> payload != null).count();
        }
        double readSeconds = (System.nanoTime() - begin) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("written", written);
        figures.put("writeEventsPerSecond", Math.round(written / writeSeconds));
        figures.put("read", read);
        figures.put("readAndDeserializeEventsPerSecond", Math.round(read / readSeconds));
        return figures;
    }

    /** The serializer's time for a click's three events (no personal value among them). */
    private static double perClick(DataSource pool, boolean sealed) {
        Serializer serializer = HistoryWriter.serializer(pool, sealed);
        UUID session = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID demande = UUID.randomUUID();
        LocalDate date = LocalDate.of(2026, 7, 6);
        String childPeriod = child + "/" + date + "/MATIN";
        List<Object> click = List.of(new OnlinePlaceHeld(session, child, demande),
                new ChildPeriodClaimed(childPeriod, child, date, Period.MATIN, session),
                new ReservationAdded(demande, child, session));
        int rounds = 200_000;
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long begin = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                for (Object event : click) {
                    SerializedObject<byte[]> bytes = serializer.serialize(event, byte[].class);
                    sink += bytes.getData().length;
                }
            }
            if (warm == 1) {
                return round((System.nanoTime() - begin) / 1e3 / rounds + (sink == 0 ? 1 : 0));
            }
        }
        throw new IllegalStateException();
    }

    /** The serializer's time for a family registration, in a transaction (a new key is inserted when sealed). */
    private static double perRegistration(DataSource pool, boolean sealed) {
        Serializer serializer = HistoryWriter.serializer(pool, sealed);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
        int families = 2_000;
        long begin = 0;
        for (int i = 0; i < 2 * families; i++) {
            if (i == families) {
                begin = System.nanoTime();
            }
            UUID familyId = UUID.randomUUID();
            FamilyRegistered registered = new FamilyRegistered(familyId,
                    List.of(new Guardian(Civility.MME, "Parent", "MESURE" + i, "mesure-" + i + "@bench.klub.localhost")),
                    List.of(new Child(UUID.randomUUID(), "Aîné", "MESURE" + i, LocalDate.of(2016, 1, 1)),
                            new Child(UUID.randomUUID(), "Cadet", "MESURE" + i, LocalDate.of(2017, 1, 1))));
            transaction.executeWithoutResult(status -> serializer.serialize(registered, byte[].class));
        }
        return round((System.nanoTime() - begin) / 1e3 / families);
    }

    /** Deserializing a family registration, its key in the cache: the replay's per-event share of the encryption. */
    private static double perRegistrationRead(DataSource pool, boolean sealed) {
        Serializer serializer = HistoryWriter.serializer(pool, true);
        Serializer writer = HistoryWriter.serializer(pool, sealed);
        UUID familyId = UUID.randomUUID();
        FamilyRegistered registered = new FamilyRegistered(familyId,
                List.of(new Guardian(Civility.MME, "Parent", "LECTURE", "lecture@bench.klub.localhost")),
                List.of(new Child(UUID.randomUUID(), "Aîné", "LECTURE", LocalDate.of(2016, 1, 1)),
                        new Child(UUID.randomUUID(), "Cadet", "LECTURE", LocalDate.of(2017, 1, 1))));
        SerializedObject<byte[]> stored = writer.serialize(registered, byte[].class);
        int rounds = 100_000;
        long sink = 0;
        long begin = 0;
        for (int i = 0; i < 2 * rounds; i++) {
            if (i == rounds) {
                begin = System.nanoTime();
            }
            FamilyRegistered read = serializer.deserialize(stored);
            sink += read.children().size();
        }
        return round((System.nanoTime() - begin) / 1e3 / rounds + (sink == 0 ? 1 : 0));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
