package fr.klub.portal.booking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import fr.klub.portal.SignedInParent;
import fr.klub.portal.StubServices;
import fr.klub.portal.web.Notice;
import fr.klub.portal.web.Refusal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static fr.klub.portal.SignedInParent.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The step-2 page, byte for byte (the CSRF token masked), against the snapshots in this package's test
 * resources: one grid with every state a cell can take for two children, with a notice and a refusal,
 * and one in a lottery's wish window. The grid is prepared in Java for speed
 * (docs/decisions/portal-speed.md); what a parent sees must not move with it. A change to the page
 * shows here: review it, then copy {@code target/grid-*.html} over the snapshot.
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class GridPageSnapshotTest {

    private static final UUID DEMANDE = UUID.fromString("d0000000-0000-0000-0000-000000000001");
    private static final UUID WISHES = UUID.fromString("d0000000-0000-0000-0000-000000000002");
    private static final UUID PROGRAMME = UUID.fromString("a0000000-0000-0000-0000-000000000001");
    private static final UUID LOTTERY = UUID.fromString("a0000000-0000-0000-0000-000000000002");
    private static final UUID LILA = UUID.fromString("c0000000-0000-0000-0000-00000000000a");
    private static final UUID NOAH = UUID.fromString("c0000000-0000-0000-0000-00000000000b");
    private static final Stub API = new Stub();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("klub.portal.query-url", API::url);
        registry.add("klub.portal.command-url", API::url);
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OAuth2AuthorizedClientManager tokens;

    @BeforeEach
    void signedIn() {
        SignedInParent.withAccessToken(tokens);
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Test
    void theGridWithEveryStateOfACellIsUnchanged() throws Exception {
        String reserved = "s-" + session(2) + "-" + LILA;
        String refused = "s-" + session(1) + "-" + NOAH;
        assertMatchesSnapshot("grid-page.html", get("/reservations/" + DEMANDE + "/planning")
                .flashAttr("notice", new Notice(reserved, "Place retenue : Repas, lundi 19/10/2020, Midi, pour Lila."))
                .flashAttr("refusal", new Refusal(refused, "Plus aucune place n'est ouverte en ligne.", java.util.List.of())));
    }

    @Test
    void theGridOfAWishWindowIsUnchanged() throws Exception {
        assertMatchesSnapshot("grid-wishes.html", get("/reservations/" + WISHES + "/planning"));
    }

    private void assertMatchesSnapshot(String name, MockHttpServletRequestBuilder request) throws Exception {
        String page = mvc.perform(request.with(parent())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\" value=\"…\"");
        Files.writeString(Path.of("target", name), page);
        String snapshot = new String(GridPageSnapshotTest.class.getResourceAsStream(name).readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(page).isEqualTo(snapshot);
    }

    private static UUID session(int n) {
        return UUID.fromString("e0000000-0000-0000-0000-%012d".formatted(n));
    }

    /** The query-service's answers: a draft with both children, a planning with a cell in each state. */
    static final class Stub extends StubServices {
        @Override
        protected void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/api/demandes/" + DEMANDE) || path.equals("/api/demandes/" + WISHES)) {
                boolean wishes = path.endsWith(WISHES.toString());
                body = """
                        {"demandeId":"%s","status":"DRAFT","programmeId":"%s","expiresAt":"2020-10-01T10:30:00Z",
                         "reservations":[
                          {"childId":"%s","childFirstName":"Lila","sessionId":"%s","activity":"Repas","date":"2020-10-19","period":"MIDI","status":"HELD"},
                          {"childId":"%s","childFirstName":"Noah","sessionId":"%s","activity":"Repas","date":"2020-10-19","period":"MIDI","status":"HELD"}],
                         "history":[]}""".formatted(wishes ? WISHES : DEMANDE, wishes ? LOTTERY : PROGRAMME,
                        LILA, session(2), NOAH, session(2));
            } else if (path.equals("/api/families/me")) {
                body = """
                        {"familyId":"%s","guardians":[],"children":[
                          {"childId":"%s","firstName":"Lila","lastName":"GRILLE","birthDate":"2012-03-08"},
                          {"childId":"%s","firstName":"Noah","lastName":"GRILLE","birthDate":"2014-06-01"}]}"""
                        .formatted(UUID.fromString("f0000000-0000-0000-0000-000000000001"), LILA, NOAH);
            } else if (path.equals("/api/programmes/" + PROGRAMME + "/planning")) {
                body = """
                        {"programmeId":"%s","title":"Vacances d'automne","days":[
                         {"date":"2020-10-19","periods":[
                          {"period":"MATIN","sessions":[
                            {"sessionId":"%s","activity":"Multisports","onlinePlacesLeft":8,"full":false,"waitlistLength":0,
                             "children":[{"childId":"%s","state":"AVAILABLE"},{"childId":"%s","state":"PERIOD_TAKEN"}]},
                            {"sessionId":"%s","activity":"Poney","onlinePlacesLeft":0,"full":true,"waitlistLength":3,
                             "children":[{"childId":"%s","state":"WAITLISTED","waitlistPosition":2},
                                         {"childId":"%s","state":"OFFERED","offerExpiresAt":"2020-10-02T16:00:00Z"}]}]},
                          {"period":"MIDI","sessions":[
                            {"sessionId":"%s","activity":"Repas","onlinePlacesLeft":12,"full":false,"waitlistLength":0,
                             "children":[{"childId":"%s","state":"RESERVED"},{"childId":"%s","state":"RESERVED"}]}]},
                          {"period":"APRES_MIDI","sessions":[
                            {"sessionId":"%s","activity":"Grands jeux","onlinePlacesLeft":0,"full":true,"waitlistLength":1,
                             "children":[{"childId":"%s","state":"FULL"},{"childId":"%s","state":"PERIOD_TAKEN"}]},
                            {"sessionId":"%s","activity":"Tir à l'arc","onlinePlacesLeft":1,"full":false,
                             "children":[{"childId":"%s","state":"WISHED","rank":1}]}]}]},
                         {"date":"2020-10-20","periods":[]},
                         {"date":"2020-10-26","periods":[
                          {"period":"MATIN","sessions":[
                            {"sessionId":"%s","activity":"Tournoi de jeux de société","onlinePlacesLeft":1,"full":false,
                             "children":[]}]}]}]}"""
                        .formatted(PROGRAMME, session(1), LILA, NOAH, session(3), LILA, NOAH, session(2), LILA, NOAH,
                                session(4), LILA, NOAH, session(5), LILA, session(6));
            } else if (path.equals("/api/programmes/" + LOTTERY + "/planning")) {
                body = """
                        {"programmeId":"%s","title":"Vacances au poney-club","days":[{"date":"2020-11-16","periods":[
                          {"period":"MATIN","sessions":[
                            {"sessionId":"%s","activity":"Poney","onlinePlacesLeft":5,"full":false,"waitlistLength":0,
                             "wishes":3,"children":[{"childId":"%s","state":"WISHED","rank":1}]},
                            {"sessionId":"%s","activity":"Escalade","onlinePlacesLeft":1,"full":false,"waitlistLength":0,
                             "wishes":1,"children":[{"childId":"%s","state":"AVAILABLE"}]}]}]}]}"""
                        .formatted(LOTTERY, session(7), LILA, session(8), LILA);
            } else if (path.equals("/api/programmes")) {
                body = """
                        [{"programmeId":"%s","title":"Vacances au poney-club","firstDay":"2020-11-16","lastDay":"2020-11-16",
                          "minAge":3,"maxAge":17,"bookingOpensAt":"2020-09-01T00:00:00Z","bookingClosesAt":"2099-12-31T00:00:00Z",
                          "bookingOpen":true,"allocation":"LOTTERY","wishesCloseAt":"2020-10-05T00:00:00Z"}]"""
                        .formatted(LOTTERY);
            } else {
                body = "{}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
