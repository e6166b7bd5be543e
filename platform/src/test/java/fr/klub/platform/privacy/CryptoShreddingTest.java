package fr.klub.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.klub.domain.demande.DemandeRefused;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.session.QueueEntryRemoved;
import fr.klub.domain.session.QueueExit;
import fr.klub.domain.session.SessionCancelled;
import fr.klub.domain.shared.Erased;
import fr.klub.domain.shared.PersonalData;
import fr.klub.platform.eventstore.KlubSerializers;

/** The serializer path of the crypto-shredding, on a migrated H2 database (product.md §11). */
class CryptoShreddingTest {

    private static final UUID FAMILY = UUID.randomUUID();
    private static final UUID OTHER_FAMILY = UUID.randomUUID();
    private static final UUID CHILD = UUID.randomUUID();
    private static final FamilyRegistered REGISTERED = new FamilyRegistered(FAMILY,
            List.of(new Guardian(Civility.MME, "Camille", "Exemple", "camille.exemple@example.org")),
            List.of(new Child(CHILD, "Alix", "Exemple", LocalDate.of(2011, 3, 14))));

    private JdbcTemplate jdbc;
    private FamilyKeys keys;
    private JacksonSerializer serializer;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        jdbc = new JdbcTemplate(h2);
        jdbc.update("INSERT INTO child_directory (child_id, family_id) VALUES (?, ?)", CHILD, FAMILY);
        keys = keys(h2, new MasterKeys("1", MasterKeys.DEV_KEY, Map.of()));
        serializer = sealing(keys);
    }

    private JacksonSerializer sealing(FamilyKeys familyKeys) {
        return KlubSerializers.jacksonSerializer(module(familyKeys));
    }

    private PersonalDataModule module(FamilyKeys familyKeys) {
        return PersonalDataModule.sealing(new PersonalValues(familyKeys),
                new FamilyOwners(child -> Optional.ofNullable(jdbc.query("SELECT family_id FROM child_directory"
                        + " WHERE child_id = ?", (row, i) -> row.getObject(1, UUID.class), child).stream()
                        .findFirst().orElse(null))));
    }

    private static FamilyKeys keys(DataSource dataSource, MasterKeys master) {
        return new FamilyKeys(new JdbcTemplate(dataSource), master, Clock.fixed(Instant.parse("2023-11-06T09:00:00Z"),
                ZoneOffset.UTC), Duration.ZERO);
    }

    private static String json(SerializedObject<byte[]> serialized) {
        return new String(serialized.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void personalValuesAreStoredSealedAndReadBackAsTheyWere() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);

        assertThat(json(stored)).doesNotContain("Camille", "Exemple", "camille.exemple", "Alix", "2011-03-14")
                .contains("\"civility\":\"MME\"", CHILD.toString(), "\"firstName\":\"pd1:" + FAMILY + ":");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(REGISTERED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM family_data_key WHERE family_id = ? AND wrapped_key IS NOT NULL",
                Integer.class, FAMILY)).isOne();
    }

    @Test
    void keysPreloadedAllAtOnceOpenValuesWithoutReadingTheirRowAgain() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);
        FamilyKeys cold = new FamilyKeys(jdbc, new MasterKeys("1", MasterKeys.DEV_KEY, Map.of()), Clock.systemUTC(),
                Duration.ofHours(1));

        assertThat(cold.preloadAll()).isOne();
        jdbc.update("DELETE FROM family_data_key");

        assertThat((Object) sealing(cold).deserialize(stored)).isEqualTo(REGISTERED);
    }

    @Test
    void aDestroyedKeyLeavesErasedMarkersOfTheRightTypeAndNoNewKeyIsEverMade() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);
        SerializedObject<byte[]> refused = serializer.serialize(new DemandeRefused(UUID.randomUUID(), FAMILY,
                "Quotient familial non fourni.", Instant.parse("2023-10-01T08:00:00Z"), List.of()), byte[].class);

        keys.destroy(FAMILY);

        FamilyRegistered erased = serializer.deserialize(stored);
        assertThat(erased.guardians().get(0)).isEqualTo(new Guardian(Civility.MME, Erased.TEXT, Erased.TEXT, Erased.TEXT));
        assertThat(erased.children().get(0)).isEqualTo(new Child(CHILD, Erased.TEXT, Erased.TEXT, Erased.DATE));
        assertThat(((DemandeRefused) serializer.deserialize(refused)).reason()).isEqualTo("[effacé]");
        assertThat(json(serializer.serialize(erased, byte[].class))).contains("\"birthDate\":\"[effacé]\"")
                .doesNotContain("pd1:");
        assertThat(json(serializer.serialize(REGISTERED, byte[].class))).doesNotContain("Camille", "2011-03-14");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM family_data_key WHERE family_id = ? AND wrapped_key IS NULL"
                + " AND destroyed_at IS NOT NULL", Integer.class, FAMILY)).isOne();
    }

    @Test
    void erasingOneFamilyLeavesTheOthersReadable() {
        FamilyRegistered other = new FamilyRegistered(OTHER_FAMILY, REGISTERED.guardians(), List.of(
                new Child(UUID.randomUUID(), "Noa", "Autre", LocalDate.of(2012, 5, 1))));
        SerializedObject<byte[]> stored = serializer.serialize(other, byte[].class);
        serializer.serialize(REGISTERED, byte[].class);

        keys.destroy(FAMILY);

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(other);
    }

    @Test
    void aWaitlistRemovalReasonBelongsToTheFamilyOfItsChild() {
        serializer.serialize(REGISTERED, byte[].class);
        SerializedObject<byte[]> removed = serializer.serialize(new QueueEntryRemoved(UUID.randomUUID(), CHILD,
                QueueExit.REMOVED_BY_STAFF, "Famille déménagée à Lyon"), byte[].class);
        assertThat(json(removed)).doesNotContain("Lyon").contains("pd1:" + FAMILY);

        keys.destroy(FAMILY);

        assertThat(((QueueEntryRemoved) serializer.deserialize(removed)).reason()).isEqualTo(Erased.TEXT);
    }

    @Test
    void aPersonalValueOfNoKnownFamilyIsRefusedRatherThanStoredInClear() {
        QueueEntryRemoved unknownChild = new QueueEntryRemoved(UUID.randomUUID(), UUID.randomUUID(),
                QueueExit.REMOVED_BY_STAFF, "Famille déménagée");
        assertThatThrownBy(() -> serializer.serialize(unknownChild, byte[].class))
                .hasStackTraceContaining("names no family");
    }

    @Test
    void eventsWrittenBeforeEncryptionStillReadAsTheyWere() throws Exception {
        byte[] plaintext = KlubSerializers.eventObjectMapper().writerFor(FamilyRegistered.class).withDefaultPrettyPrinter()
                .writeValueAsBytes(REGISTERED);
        SerializedObject<byte[]> old = new SimpleSerializedObject<>(plaintext, byte[].class,
                new SimpleSerializedType(FamilyRegistered.class.getName(), "1"));

        assertThat((Object) serializer.deserialize(old)).isEqualTo(REGISTERED);
    }

    @Test
    void aSealedValueThatWasAlteredOrMovedToAnotherFamilyDoesNotOpen() {
        String json = json(serializer.serialize(REGISTERED, byte[].class));
        String moved = json.replace("pd1:" + FAMILY, "pd1:" + OTHER_FAMILY);
        serializer.serialize(new FamilyRegistered(OTHER_FAMILY, REGISTERED.guardians(), List.of()), byte[].class);

        assertThatThrownBy(() -> serializer.deserialize(new SimpleSerializedObject<>(moved.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType(FamilyRegistered.class.getName(), "1"))))
                .hasStackTraceContaining("does not open");
    }

    @Test
    void withoutKeysSealedValuesReadErasedAndTheAuditOpensThemWithKeys() throws Exception {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);

        FamilyRegistered keyless = KlubSerializers.eventObjectMapper().readValue(stored.getData(), FamilyRegistered.class);
        assertThat(keyless.children().get(0).birthDate()).isEqualTo(Erased.DATE);

        var tree = KlubSerializers.eventObjectMapper().readTree(stored.getData());
        var opened = new PersonalValues(keys).openAll(tree);
        assertThat(opened.at("/guardians/0/email").asText()).isEqualTo("camille.exemple@example.org");
        assertThat(opened.at("/children/0/birthDate").asText()).isEqualTo("2011-03-14");
    }

    @Test
    void afterAMasterKeyRotationOldKeysStillOpenAndRewrapMovesThem() {
        SerializedObject<byte[]> stored = serializer.serialize(REGISTERED, byte[].class);
        String newMaster = Base64.getEncoder().encodeToString(Aes.newKey().getEncoded());
        DataSource dataSource = jdbc.getDataSource();

        FamilyKeys rotated = keys(dataSource, new MasterKeys("2", newMaster, Map.of("1", MasterKeys.DEV_KEY)));
        assertThat((Object) sealing(rotated).deserialize(stored)).isEqualTo(REGISTERED);
        assertThat(rotated.rewrap()).isOne();

        FamilyKeys onlyNew = keys(dataSource, new MasterKeys("2", newMaster, Map.of()));
        assertThat((Object) sealing(onlyNew).deserialize(stored)).isEqualTo(REGISTERED);
        FamilyKeys onlyOld = keys(dataSource, new MasterKeys("1", MasterKeys.DEV_KEY, Map.of()));
        assertThatThrownBy(() -> sealing(onlyOld).deserialize(stored)).hasStackTraceContaining("master key '2'");
    }

    @Test
    void encryptionSwitchedOffWritesInClearAndStillOpensWhatWasSealed() {
        SerializedObject<byte[]> sealed = serializer.serialize(REGISTERED, byte[].class);
        JacksonSerializer off = KlubSerializers.jacksonSerializer(PersonalDataModule.opening(new PersonalValues(keys)));

        assertThat(json(off.serialize(REGISTERED, byte[].class))).contains("Camille", "2011-03-14");
        assertThat((Object) off.deserialize(sealed)).isEqualTo(REGISTERED);
    }

    @Test
    void aMasterKeyMustBeThirtyTwoBytesAndIsNeverEchoed() {
        assertThatThrownBy(() -> new MasterKeys("1", "c2VjcmV0LXRvby1zaG9ydA==", Map.of()))
                .hasMessageContaining("32 random bytes").hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void aHistoryWrittenInClearIsSealedOnceInPlaceAndThenErasable() throws Exception {
        QueueEntryRemoved removed = new QueueEntryRemoved(UUID.randomUUID(), CHILD, QueueExit.REMOVED_BY_STAFF,
                "Famille déménagée à Lyon");
        SessionCancelled cancelled = new SessionCancelled(UUID.randomUUID(), "Intervenant absent");
        long registeredAt = storeInClear(FAMILY, REGISTERED);
        long removedAt = storeInClear(removed.sessionId(), removed);
        long cancelledAt = storeInClear(cancelled.sessionId(), cancelled);
        PlaintextHistorySealer sealer = new PlaintextHistorySealer(jdbc, new TransactionTemplate(
                new DataSourceTransactionManager(jdbc.getDataSource())), module(keys));

        assertThat(sealer.sealAll()).isEqualTo(2);

        assertThat(storedJson(registeredAt)).doesNotContain("Camille", "2011-03-14").contains("pd1:" + FAMILY);
        assertThat(storedJson(removedAt)).doesNotContain("Lyon");
        assertThat(storedJson(cancelledAt)).contains("Intervenant absent");
        assertThat((Object) serializer.deserialize(stored(registeredAt, FamilyRegistered.class))).isEqualTo(REGISTERED);
        assertThat(sealer.sealAll()).as("a second run finds nothing in clear").isZero();

        keys.destroy(FAMILY);
        assertThat(((QueueEntryRemoved) serializer.deserialize(stored(removedAt, QueueEntryRemoved.class))).reason())
                .isEqualTo(Erased.TEXT);
    }

    private long storeInClear(UUID aggregate, Object event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload, payload_revision, payload_type, time_stamp) VALUES (?, 0, 'Test', ?, ?, '1', ?, ?)",
                aggregate.toString(), eventId, KlubSerializers.eventObjectMapper().writeValueAsBytes(event),
                event.getClass().getName(), "2023-01-01T00:00:00Z");
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class,
                eventId);
    }

    private String storedJson(long globalIndex) {
        return new String(storedBytes(globalIndex), StandardCharsets.UTF_8);
    }

    private byte[] storedBytes(long globalIndex) {
        return jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class,
                globalIndex);
    }

    private SerializedObject<byte[]> stored(long globalIndex, Class<?> type) {
        return new SimpleSerializedObject<>(storedBytes(globalIndex), byte[].class,
                new SimpleSerializedType(type.getName(), "1"));
    }

    /** What an aggregate's snapshot looks like to Jackson: fields, no record (the demande keeps its refusal reason). */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class AggregateState {
        private UUID familyId;
        @PersonalData
        private String refusalReason;
    }

    @Test
    void anAggregatesSnapshotSealsItsPersonalFieldsUnderItsFamily() throws Exception {
        AggregateState state = new AggregateState();
        state.familyId = FAMILY;
        state.refusalReason = "Quotient familial non fourni.";

        SerializedObject<byte[]> snapshot = serializer.serialize(state, byte[].class);

        assertThat(json(snapshot)).doesNotContain("Quotient").contains("pd1:" + FAMILY);
        assertThat(((AggregateState) serializer.deserialize(snapshot)).refusalReason).isEqualTo(state.refusalReason);
        keys.destroy(FAMILY);
        assertThat(((AggregateState) serializer.deserialize(snapshot)).refusalReason).isEqualTo(Erased.TEXT);
    }
}
