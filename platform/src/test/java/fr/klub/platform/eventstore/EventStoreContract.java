package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DemandeDeposited;
import fr.klub.domain.demande.ReservationAdded;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.shared.ReservationRef;
import fr.klub.platform.correlation.CorrelationKeys;
import fr.klub.platform.sample.H2IntegrationTest;
import fr.klub.platform.sample.Http;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the event store must do on every database: the same tests run on H2 and PostgreSQL.
 */
abstract class EventStoreContract extends H2IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    ConnectionProvider connectionProvider;
    @Autowired
    DeadLetterSchema deadLetterSchema;
    @Autowired
    Serializer serializer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AccountService accounts;

    private static DomainEventMessage<?> event(String aggregateType, UUID aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, payload,
                MetaData.from(Map.of(CorrelationKeys.ACTOR, "acc-1", CorrelationKeys.ROLE, "PARENT",
                        CorrelationKeys.CORRELATION_ID, "req-1")));
    }

    private void append(EventMessage<?>... events) {
        transactionManager.executeInTransaction(() -> eventStore.publish(events));
    }

    @Autowired
    org.axonframework.config.Configuration axonConfiguration;
    @Autowired
    org.springframework.context.ApplicationContext applicationContext;
    @Autowired
    org.axonframework.eventsourcing.eventstore.jdbc.EventSchema eventSchema;
    @Autowired
    org.axonframework.common.jdbc.PersistenceExceptionResolver persistenceExceptionResolver;

    @Test
    void usesTheJdbcInfrastructureAndJacksonEverywhere() {
        assertThat(eventStore).isInstanceOf(EmbeddedEventStore.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(axonConfiguration.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axonConfiguration.messageSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axonConfiguration.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(applicationContext.getBeansOfType(org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule.class))
                .hasSize(1);
        assertThat(applicationContext.getBeansOfType(org.axonframework.messaging.correlation.CorrelationDataProvider.class).values())
                .noneMatch(provider -> provider instanceof org.axonframework.messaging.correlation.MessageOriginProvider);
        // platform defaults: no Axon handler timeouts
        assertThat(applicationContext.getBeanNamesForType(org.axonframework.springboot.autoconfig.AxonTimeoutAutoConfiguration.class))
                .isEmpty();
        assertThat(applicationContext.getBean(EventStoreProperties.class).fetchDelay()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void eventsAppendedByAnotherNodeAreSeenByTrackingConsumers() throws InterruptedException {
        // a second storage engine on the same database plays another JVM: only polling can find its events
        var otherNode = org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer).eventSerializer(serializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider).transactionManager(transactionManager)
                .schema(eventSchema).dataType(byte[].class)
                .build();
        UUID id = UUID.randomUUID();
        ReservationAdded fromElsewhere = new ReservationAdded(id, id, id);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            transactionManager.executeInTransaction(() -> otherNode.appendEvents(event("Demande", id, 0, fromElsewhere)));
            assertThat(readUntil(stream, fromElsewhere)).contains(fromElsewhere);
        }
    }

    private static List<Object> readUntil(BlockingStream<TrackedEventMessage<?>> stream, Object expected) throws InterruptedException {
        List<Object> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seen.contains(expected) && System.nanoTime() < deadline) {
            if (stream.hasNextAvailable(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                seen.add(stream.nextAvailable().getPayload());
            }
        }
        return seen;
    }

    @Test
    void coreDomainEventsRoundTripAsJson() {
        UUID demandeId = UUID.randomUUID();
        UUID familyId = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant createdAt = Instant.parse("2020-10-19T08:00:00.123456Z");
        List<Object> payloads = List.of(
                new DemandeCreated(demandeId, familyId, UUID.randomUUID(), List.of(child), "tok-1", createdAt, createdAt.plusSeconds(900)),
                new ReservationAdded(demandeId, child, session),
                new DemandeDeposited(demandeId, familyId, 42L, createdAt.plusSeconds(60), "tok-1", List.of(new ReservationRef(child, session))));
        append(event("Demande", demandeId, 0, payloads.get(0)), event("Demande", demandeId, 1, payloads.get(1)),
                event("Demande", demandeId, 2, payloads.get(2)));

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(demandeId.toString()).asStream().toList();

        assertThat(read.stream().map(m -> (Object) m.getPayload()).toList()).containsExactlyElementsOf(payloads);
        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(read.get(0).getMetaData()).containsEntry("actor", "acc-1").containsEntry("correlationId", "req-1");
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT payload_type, payload_revision, payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0",
                demandeId.toString());
        assertThat(row.get("payload_type")).isEqualTo(DemandeCreated.class.getName());
        assertThat(row.get("payload_revision")).isEqualTo("1");
        assertThat(new String((byte[]) row.get("payload"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"createdAt\":\"2020-10-19T08:00:00.123456Z\"");
    }

    @Test
    void nestedValueObjectsRoundTrip() {
        UUID familyId = UUID.randomUUID();
        FamilyRegistered registered = new FamilyRegistered(familyId,
                List.of(new Guardian(Civility.MME, "Anne", "Martin", "anne@example.org")),
                List.of(new Child(UUID.randomUUID(), "Léo", "Martin", LocalDate.of(2012, 3, 4))));
        append(event("Family", familyId, 0, registered));

        List<Object> read = eventStore.readEvents(familyId.toString()).asStream().map(m -> (Object) m.getPayload()).toList();
        assertThat(read).containsExactly(registered);
    }

    @Test
    void aSecondWriterOfTheSameSequenceLosesWithARetryableError() {
        UUID id = UUID.randomUUID();
        append(event("Session", id, 0, new ReservationAdded(id, id, id)));
        assertThatThrownBy(() -> append(event("Session", id, 0, new ReservationAdded(id, id, id))))
                .isInstanceOf(AggregateStreamCreationException.class);

        append(event("Session", id, 1, new ReservationAdded(id, id, id)));
        assertThatThrownBy(() -> append(event("Session", id, 1, new ReservationAdded(id, id, id))))
                .isInstanceOf(ConcurrencyException.class);
    }

    @Test
    void snapshotsAreStoredAndReadBeforeLaterEvents() {
        UUID id = UUID.randomUUID();
        append(event("Session", id, 0, new ReservationAdded(id, id, id)), event("Session", id, 1, new ReservationAdded(id, id, id)));
        ReservationRef state = new ReservationRef(id, id);
        transactionManager.executeInTransaction(() -> eventStore.storeSnapshot(event("Session", id, 1, state)));
        UUID child = UUID.randomUUID();
        append(event("Session", id, 2, new ReservationAdded(id, child, id)));

        List<Object> read = eventStore.readEvents(id.toString()).asStream().map(m -> (Object) m.getPayload()).toList();

        assertThat(read).containsExactly(state, new ReservationAdded(id, child, id));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class,
                id.toString())).isEqualTo(1);
    }

    @Test
    void trackingConsumersSeeNewEvents() throws InterruptedException {
        UUID id = UUID.randomUUID();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            append(event("Demande", id, 0, new ReservationAdded(id, id, id)));
            assertThat(readUntil(stream, new ReservationAdded(id, id, id))).contains(new ReservationAdded(id, id, id));
        }
    }

    @Test
    void commandCausedEventsCarryTheRequestsActorRoleRequestIdAndAServerChosenCorrelationId() {
        String staff = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        UUID accountId = accounts.createStaffAccount(staff, "password-123", Role.STAFF).accountId();

        java.util.Set<Object> correlationIds = new java.util.HashSet<>();
        for (String explicit : List.of("false", "true")) {
            for (int attempt = 0; attempt < 2; attempt++) {
                Http.Response response = http().post("/api/commands/record?explicitMetadata=" + explicit).basic(staff, "password-123")
                                               .header("X-Request-Id", "req-" + explicit).send();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.header("X-Request-Id")).isEqualTo("req-" + explicit);

                DomainEventMessage<?> recorded = eventStore.readEvents(response.json().path("aggregateId").asText())
                                                           .asStream().findFirst().orElseThrow();
                assertThat(recorded.getMetaData())
                        .containsEntry(CorrelationKeys.REQUEST_ID, "req-" + explicit)
                        .containsEntry(CorrelationKeys.ACTOR, accountId.toString())
                        .containsEntry(CorrelationKeys.ROLE, "STAFF");
                Object correlationId = recorded.getMetaData().get(CorrelationKeys.CORRELATION_ID);
                assertThat(UUID.fromString(String.valueOf(correlationId))).as("generated by the server").isNotNull();
                correlationIds.add(correlationId);
            }
        }
        assertThat(correlationIds).as("a client reusing its X-Request-Id does not merge its requests").hasSize(4);
    }

    @Test
    void withoutAClientRequestIdTheEchoedIdIsTheCorrelationId() {
        String staff = "staff-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createStaffAccount(staff, "password-123", Role.STAFF);
        Http.Response response = http().post("/api/commands/record").basic(staff, "password-123").send();
        DomainEventMessage<?> recorded = eventStore.readEvents(response.json().path("aggregateId").asText())
                                                   .asStream().findFirst().orElseThrow();
        assertThat(recorded.getMetaData())
                .containsEntry(CorrelationKeys.CORRELATION_ID, response.header("X-Request-Id"))
                .containsEntry(CorrelationKeys.REQUEST_ID, response.header("X-Request-Id"));
    }

    @Test
    void tokensAreStoredInTheTokenTable() {
        String processor = "test-" + UUID.randomUUID();
        transactionManager.executeInTransaction(() -> tokenStore.initializeTokenSegments(processor, 2));
        transactionManager.executeInTransaction(() -> {
            tokenStore.fetchToken(processor, 1);
            tokenStore.storeToken(new GlobalSequenceTrackingToken(41), processor, 1);
        });

        assertThat(tokenStore.fetchSegments(processor)).containsExactly(0, 1);
        assertThat(transactionManager.fetchInTransaction(() -> tokenStore.fetchToken(processor, 1)))
                .isEqualTo(new GlobalSequenceTrackingToken(41));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?", Integer.class, processor))
                .isEqualTo(2);
    }

    @Test
    void deadLettersAreStoredInTheDeadLetterTable() {
        String group = "test-" + UUID.randomUUID();
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(deadLetterSchema)
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
        UUID id = UUID.randomUUID();
        EventMessage<?> failed = GenericEventMessage.asEventMessage(new ReservationAdded(id, id, id));

        queue.enqueue("sequence-1", new GenericDeadLetter<>("sequence-1", failed, new IllegalStateException("projection down")));

        assertThat(queue.contains("sequence-1")).isTrue();
        assertThat(queue.amountOfSequences()).isEqualTo(1);
        assertThat(queue.deadLetterSequence("sequence-1").iterator().next().message().getPayload())
                .isEqualTo(new ReservationAdded(id, id, id));
    }
}
