package fr.klub.portal.booking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import fr.klub.portal.SignedInParent;
import fr.klub.portal.StubServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static fr.klub.portal.SignedInParent.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a step-2 grid page asks of the services (docs/decisions/portal-speed.md): read-your-writes
 * only on the page that follows the parent's own write (and for two seconds after it), and the family
 * read once per draft, not on every page. Against a stub HTTP server that records each call and its {@code X-Consistent-With}.
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class GridPageCallsTest {

    private static final UUID DEMANDE = UUID.randomUUID();
    private static final UUID PROGRAMME = UUID.randomUUID();
    private static final UUID LILA = UUID.randomUUID();
    private static final UUID NOAH = UUID.randomUUID();
    private static final UUID PONEY = UUID.randomUUID();
    private static final ServicesStub API = new ServicesStub();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("klub.portal.query-url", API::url);
        registry.add("klub.portal.command-url", API::url);
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OAuth2AuthorizedClientManager tokens;

    private final MockHttpSession browser = new MockHttpSession();

    @BeforeEach
    void signedIn() {
        SignedInParent.withAccessToken(tokens);
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Test
    void onlyThePagesRightAfterTheParentsOwnWriteWaitForTheReadModels() throws Exception {
        startTheDraftForLila();
        assertThat(gridPage()).containsExactly(
                "GET /api/demandes/" + DEMANDE + " now",
                "GET /api/families/me now",
                "GET /api/programmes/" + PROGRAMME + "/planning now");

        // once the write is a few seconds old, the pages read what the read models hold, without waiting
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gridPage()).containsExactly(
                "GET /api/demandes/" + DEMANDE + " -",
                "GET /api/programmes/" + PROGRAMME + "/planning -"));

        API.calls.clear();
        mvc.perform(post("/reservations/" + DEMANDE + "/planning/reserver").session(browser).with(parent()).with(csrf())
                        .param("childId", LILA.toString()).param("sessionId", PONEY.toString()).param("label", "Poney"))
                .andExpect(status().is3xxRedirection());
        assertThat(API.calls).containsExactly("PUT /api/demandes/" + DEMANDE + "/reservations/" + LILA + "/" + PONEY + " -");
        assertThat(gridPage()).containsExactly(
                "GET /api/demandes/" + DEMANDE + " now",
                "GET /api/programmes/" + PROGRAMME + "/planning now");
    }

    @Test
    void theGridKeepsShowingOnlyTheChildTickedAtStepOne() throws Exception {
        startTheDraftForLila();
        gridPage();
        String page = mvc.perform(get("/reservations/" + DEMANDE + "/planning").session(browser).with(parent()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Réserver pour Lila").doesNotContain("Noah");
    }

    private void startTheDraftForLila() throws Exception {
        mvc.perform(post("/reservations").session(browser).with(parent()).with(csrf())
                        .param("programmeId", PROGRAMME.toString()).param("childIds", LILA.toString()))
                .andExpect(redirectedUrl("/reservations/" + DEMANDE + "/planning"));
    }

    /** The calls one grid page made, each with the read-your-writes it asked ("-": none). */
    private List<String> gridPage() throws Exception {
        API.calls.clear();
        mvc.perform(get("/reservations/" + DEMANDE + "/planning").session(browser).with(parent()))
                .andExpect(status().isOk());
        return List.copyOf(API.calls);
    }

    /** The command- and query-services' answers for a family of two children and a one-session programme. */
    static final class ServicesStub extends StubServices {
        final List<String> calls = new CopyOnWriteArrayList<>();
        @Override
        protected void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String consistency = exchange.getRequestHeaders().getFirst("X-Consistent-With");
            calls.add(exchange.getRequestMethod() + " " + path + " " + (consistency == null ? "-" : consistency));
            String body;
            int status = 200;
            if (exchange.getRequestMethod().equals("POST") && path.equals("/api/demandes")) {
                status = 201;
                body = """
                        {"demandeId":"%s","status":"DRAFT","programmeId":"%s","childIds":["%s"],
                         "expiresAt":"2020-10-01T10:30:00Z"}""".formatted(DEMANDE, PROGRAMME, LILA);
            } else if (path.equals("/api/demandes/" + DEMANDE)) {
                body = """
                        {"demandeId":"%s","status":"DRAFT","programmeId":"%s","expiresAt":"2020-10-01T10:30:00Z",
                         "reservations":[],"history":[]}""".formatted(DEMANDE, PROGRAMME);
            } else if (path.equals("/api/families/me")) {
                body = """
                        {"familyId":"%s","guardians":[],"children":[
                          {"childId":"%s","firstName":"Lila","lastName":"GRILLE","birthDate":"2012-03-08"},
                          {"childId":"%s","firstName":"Noah","lastName":"GRILLE","birthDate":"2014-06-01"}]}"""
                        .formatted(UUID.randomUUID(), LILA, NOAH);
            } else if (path.equals("/api/programmes/" + PROGRAMME + "/planning")) {
                body = """
                        {"programmeId":"%s","title":"Vacances au poney-club","days":[{"date":"2020-11-16","periods":[
                          {"period":"MATIN","sessions":[
                            {"sessionId":"%s","activity":"Poney","onlinePlacesLeft":5,"full":false,"waitlistLength":0,
                             "children":[{"childId":"%s","state":"AVAILABLE"}]}]}]}]}"""
                        .formatted(PROGRAMME, PONEY, LILA);
            } else if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/api/demandes/" + DEMANDE + "/reservations/")) {
                status = 201;
                body = """
                        {"demandeId":"%s","childId":"%s","sessionId":"%s","status":"HELD","onlinePlacesLeft":4}"""
                        .formatted(DEMANDE, LILA, PONEY);
            } else {
                status = 404;
                body = "{\"code\":\"NOT_FOUND\",\"detail\":\"Inconnu.\",\"status\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 404 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
