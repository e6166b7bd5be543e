package fr.klub.command.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.EraseFamily;
import fr.klub.domain.family.ErasureCause;
import fr.klub.domain.family.FamilyErased;
import fr.klub.domain.family.FamilyRegistered;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.session.OnsitePlaceBooked;
import fr.klub.platform.correlation.CorrelationKeys;

/**
 * The retention rule on a migrated database: a family is due when neither its registration, nor a demande, nor an
 * on-site booking of one of its children is younger than the period; the job sends EraseFamily (RETENTION) for those
 * only, as the system, and an erased family leaves the list.
 */
class RetentionJobTest {

    private static final Instant T0 = Instant.parse("2021-03-01T09:00:00Z");
    private static final RetentionProperties THREE_YEARS = new RetentionProperties(true, Period.ofYears(3),
            Duration.ofHours(6), 100);

    private JdbcTemplate jdbc;
    private FamilyActivity activity;
    private final Map<UUID, UUID> families = new java.util.HashMap<>();
    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private CommandGateway commands;

    @BeforeEach
    void migratedDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        jdbc = new JdbcTemplate(h2);
        activity = new FamilyActivity(jdbc, childId -> Optional.ofNullable(families.get(childId)));
        commands = mock(CommandGateway.class);
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return null;
        });
    }

    private UUID registered(Instant at) {
        UUID family = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        families.put(child, family);
        activity.on(new FamilyRegistered(family, List.of(new Guardian(Civility.MME, "Camille", "Exemple",
                "camille@example.org")), List.of(new Child(child, "Alix", "Exemple", LocalDate.of(2012, 1, 1)))), at);
        return family;
    }

    private UUID childOf(UUID family) {
        return families.entrySet().stream().filter(e -> e.getValue().equals(family)).findFirst().orElseThrow().getKey();
    }

    @Test
    void onlyFamiliesWithoutAReservationForThePeriodAreErased() {
        UUID idle = registered(T0);
        UUID booked = registered(T0);
        UUID onsite = registered(T0);
        UUID recent = registered(T0.plus(Duration.ofDays(800)));
        activity.on(new DemandeCreated(UUID.randomUUID(), booked, UUID.randomUUID(), List.of(childOf(booked)), "t",
                T0.plus(Duration.ofDays(700)), T0.plus(Duration.ofDays(700))), T0.plus(Duration.ofDays(700)));
        activity.on(new OnsitePlaceBooked(UUID.randomUUID(), childOf(onsite)), T0.plus(Duration.ofDays(900)));

        Instant now = T0.plus(Duration.ofDays(3 * 365 + 2));
        int erased = RetentionJob.eraseInactive(THREE_YEARS, activity, commands, now);

        assertThat(erased).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.getPayload()).isEqualTo(new EraseFamily(idle, ErasureCause.RETENTION, RetentionJob.REASON,
                    now));
            assertThat(message.getMetaData().get(CorrelationKeys.ACTOR)).isEqualTo(CorrelationKeys.SYSTEM_ACTOR);
        });
        assertThat(List.of(booked, onsite, recent)).doesNotContain(((EraseFamily) sent.get(0).getPayload()).familyId());
    }

    @Test
    void anErasedFamilyLeavesTheListAndAFailureWaitsForTheNextRun() {
        UUID idle = registered(T0);
        UUID failing = registered(T0.plusSeconds(1));
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            CommandMessage<?> message = call.getArgument(0);
            if (((EraseFamily) message.getPayload()).familyId().equals(failing)) {
                throw new IllegalStateException("no handler yet");
            }
            sent.add(message);
            return null;
        });
        Instant now = T0.plus(Duration.ofDays(4 * 365));

        assertThat(RetentionJob.eraseInactive(THREE_YEARS, activity, commands, now)).isEqualTo(1);
        activity.on(new FamilyErased(idle, now, ErasureCause.RETENTION));

        assertThat(activity.inactiveSince(now, 10)).containsExactly(failing);
    }
}
