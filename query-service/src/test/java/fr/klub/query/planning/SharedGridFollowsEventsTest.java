package fr.klub.query.planning;

import static fr.klub.query.testing.Klub.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.OfferDeclined;
import fr.klub.domain.session.PlaceOffered;
import fr.klub.domain.session.SessionQuotaChanged;
import fr.klub.domain.session.SessionScheduled;
import fr.klub.domain.shared.Period;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import fr.klub.query.QueryServiceApplication;
import fr.klub.query.testing.Api;
import fr.klub.query.testing.Api.Login;
import fr.klub.query.testing.History;
import fr.klub.query.testing.Story;

/**
 * The grid's shared figures in memory follow the events through the running service: places held
 * and released, a quota change, a waiting list and its offer, a lottery's wishes, a rebuild; the
 * memory always ends equal to the read model, and a grid served from it is the one the read model
 * gives. The periodic reload is pushed out of the test's reach, so only the events can explain a change.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:shared-grid;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "klub.query.grid.reload-every=1h",
        "klub.query.grid.warm-up-reads=10"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedGridFollowsEventsTest {

    private static final String PASSWORD = "motdepasse-klub";
    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SharedGrid grid;
    @Autowired
    ObjectMapper json;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final UUID family = UUID.randomUUID();
    private final UUID thais = UUID.randomUUID();
    private final UUID eden = UUID.randomUUID();
    private History history;
    private Story story;
    private Api api;
    private Login parent;
    private Login staff;
    private KlubUser parentUser;
    private UUID programme;
    private SessionScheduled danse;

    @BeforeAll
    void aFamilyAndAccounts() {
        history = new History(eventStore, transactions);
        KlubUser staffUser = accounts.createStaffAccount("agent-" + suffix, PASSWORD, Role.STAFF);
        parentUser = accounts.createParentAccount("laetitia-" + suffix, PASSWORD, family);
        staff = new Login("agent-" + suffix, PASSWORD);
        parent = new Login("laetitia-" + suffix, PASSWORD);
        story = new Story(history, staffUser.accountId());
        story.registerTestFamily(family, thais, eden);
        api = new Api(port);
        await().atMost(PROMPTLY).until(grid::isFollowed);
        await().atMost(PROMPTLY).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM q_family_child WHERE family_id = ?", Integer.class, family) == 2);
    }

    @BeforeEach
    void aProgrammeWithASession() {
        programme = UUID.randomUUID();
        story.publishProgramme(programme);
        danse = story.schedule(UUID.randomUUID(), programme, "Danse latine", MONDAY, Period.MATIN, 10);
        awaitPlacesLeft(5);
    }

    @Test
    void heldAndReleasedPlacesAndAQuotaChangeReachTheMemory() {
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        story.reserve(parentUser.accountId(), demande, eden, danse);
        awaitPlacesLeft(3);

        story.release(parentUser.accountId(), demande, eden, danse);
        awaitPlacesLeft(4);

        history.staff(UUID.randomUUID())
                .append("Session", danse.sessionId(), new SessionQuotaChanged(danse.sessionId(), 12, 2))
                .commit();
        awaitPlacesLeft(1);
        assertThat(session().capacity()).isEqualTo(12);
        assertTheGridServedIsTheReadModels();
    }

    @Test
    void aWaitingListAndItsOfferReachTheMemory() {
        UUID waiting = UUID.randomUUID();
        history.parent(parentUser.accountId())
                .append("Session", danse.sessionId(), new ChildQueued(danse.sessionId(), waiting, family, Instant.now()))
                .commit();
        await().atMost(PROMPTLY).ignoreExceptions().untilAsserted(() -> assertThat(session().waitlistLength()).isEqualTo(1));

        Instant now = Instant.now();
        history.system()
                .append("Session", danse.sessionId(), new PlaceOffered(danse.sessionId(), waiting, family, now,
                        now.plusSeconds(86_400), List.of()))
                .commit();
        awaitPlacesLeft(4);
        assertThat(session().waitlistLength()).isEqualTo(1);

        history.parent(parentUser.accountId())
                .append("Session", danse.sessionId(), new OfferDeclined(danse.sessionId(), waiting, Instant.now()))
                .commit();
        awaitPlacesLeft(5);
        assertThat(session().waitlistLength()).isZero();
        assertTheGridServedIsTheReadModels();
    }

    @Test
    void aLotterysWishesReachTheMemoryAndLeaveItWithTheirDemande() {
        UUID lottery = UUID.randomUUID();
        story.publishLottery(lottery, Instant.parse("2020-10-10T18:00:00Z"));
        SessionScheduled archery = story.schedule(UUID.randomUUID(), lottery, "Fun Archery", MONDAY, Period.MATIN, 8);
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, lottery, thais);
        story.wish(parentUser.accountId(), demande, thais, archery, 1);
        await().atMost(PROMPTLY).ignoreExceptions().untilAsserted(() -> assertThat(memory(lottery).wishes().countOf(archery.sessionId()))
                .isEqualTo(1));

        history.parent(parentUser.accountId())
                .append("Demande", demande, new DemandeCancelled(demande, family, List.of()))
                .commit();
        await().atMost(PROMPTLY).ignoreExceptions().untilAsserted(() -> assertThat(memory(lottery).wishes().countOf(archery.sessionId()))
                .isZero());
        assertThat(memory(lottery)).isEqualTo(GridFigures.load(jdbc, lottery).orElseThrow());
    }

    @Test
    void afterARebuildTheMemoryIsTheRebuiltReadModel() {
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        awaitPlacesLeft(4);

        assertThat(api.post("/api/staff/projections/planning/rebuild", staff).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api
                .get("/api/staff/projections/planning", staff).body().path("lastRebuild").path("status").asText())
                .isEqualTo("DONE"));
        // a place held after the rebuild is followed as before
        story.reserve(parentUser.accountId(), demande, eden, danse);
        awaitPlacesLeft(3);
        assertThat(memory(programme)).isEqualTo(GridFigures.load(jdbc, programme).orElseThrow());
    }

    @Test
    void theGridIsServedFromMemoryUntilAnEventSaysOtherwise() {
        // a row written behind the projections' back (no event): the memory does not read it ...
        jdbc.update("INSERT INTO q_planning_place (session_id, child_id, channel) VALUES (?, ?, 'ONLINE')",
                danse.sessionId(), UUID.randomUUID());
        assertThat(placesLeft(api.get(gridPath(), parent).body())).isEqualTo(5);
        // ... a read that waits for consistency reads the read model itself ...
        assertThat(placesLeft(api.get(gridPath() + "&consistentWith=now", parent).body())).isEqualTo(4);
        jdbc.update("DELETE FROM q_planning_place WHERE session_id = ?", danse.sessionId());
        assertThat(placesLeft(api.get(gridPath(), parent).body())).isEqualTo(4);
        // ... and an event about the session has it read again
        UUID demande = UUID.randomUUID();
        story.startDraft(parentUser.accountId(), demande, family, programme, thais, eden);
        story.reserve(parentUser.accountId(), demande, thais, danse);
        story.reserve(parentUser.accountId(), demande, eden, danse);
        await().atMost(PROMPTLY).ignoreExceptions().untilAsserted(() -> assertThat(placesLeft(api.get(gridPath(), parent).body()))
                .isEqualTo(3));
    }

    @Test
    void readinessIsUpOnlyOnceTheGridIsInMemoryAndWarm() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.body().path("status").asText()).isEqualTo("UP");
        });
        assertThat(grid.isFollowed()).isTrue();
    }

    private void assertTheGridServedIsTheReadModels() {
        JsonNode served = api.get(gridPath(), parent).body();
        Planning fromTheReadModel = new PlanningQuery(jdbc, new SharedGrid(jdbc)).handle(new FindPlanning(programme, family,
                List.of(thais, eden)));
        assertThat(served).isEqualTo(json.valueToTree(fromTheReadModel));
    }

    private String gridPath() {
        return "/api/programmes/" + programme + "/planning?children=" + thais + "," + eden;
    }

    private void awaitPlacesLeft(int placesLeft) {
        await().atMost(PROMPTLY).ignoreExceptions().untilAsserted(() -> {
            assertThat(session().onlinePlacesLeft()).isEqualTo(placesLeft);
            assertThat(memory(programme)).isEqualTo(GridFigures.load(jdbc, programme).orElseThrow());
        });
    }

    private GridFigures memory(UUID programmeId) {
        return grid.figures(programmeId).orElseThrow();
    }

    private PlanningGrid.SessionRow session() {
        return memory(programme).layout().days().stream()
                .flatMap(day -> day.periods().stream())
                .flatMap(List::stream)
                .filter(row -> row.sessionId().equals(danse.sessionId()))
                .findFirst().orElseThrow();
    }

    private static int placesLeft(JsonNode grid) {
        return grid.findValues("sessions").get(0).get(0).path("onlinePlacesLeft").asInt();
    }
}
