package fr.klub.portal.booking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static fr.klub.portal.SignedInParent.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Step 2 during a lottery's wish window, against services that answer as api.md says (a stub HTTP
 * server): the window explained with its closing date, "N vœux pour M places", the child's wish with
 * its rank, the rank list offering the next rank, htmx on the forms and served from the jar; a wish
 * posted with its rank reaches the command-service as {@code ?rank=N}; the recap shows the rank.
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class WishWindowPageTest {

    private static final UUID DEMANDE = UUID.randomUUID();
    private static final UUID PROGRAMME = UUID.randomUUID();
    private static final UUID LILA = UUID.randomUUID();
    private static final UUID PONEY = UUID.randomUUID();
    private static final UUID ESCALADE = UUID.randomUUID();
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

    @BeforeEach
    void signedIn() {
        SignedInParent.withAccessToken(tokens);
        API.calls.clear();
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Test
    void theGridExplainsTheWindowAndShowsTheWishesWithTheirRanks() throws Exception {
        String page = page("/reservations/" + DEMANDE + "/planning");

        assertThat(page).contains("Les vœux sont ouverts jusqu&#39;au 5 octobre 2020",
                "puis un tirage au sort attribue les places",
                "3 vœux pour 5 places", "0 vœu pour 5 places",
                "Vœu n° 1 pour Lila", "Retirer ce vœu", "Ajouter à mes vœux", "Rang du vœu");
        // Escalade's list offers the 2nd choice: Lila's 1st of the morning is Poney
        assertThat(page).containsPattern("<option value=\"2\" selected=\"selected\">2e choix</option>")
                .contains("<option value=\"1\">1er choix</option>");
        // htmx on the same forms, its script served from the portal itself
        assertThat(page).contains("hx-post=\"/reservations/" + DEMANDE + "/planning/voeu\"", "aria-live=\"polite\"")
                .containsPattern("src=\"/webjars/htmx.org/[0-9.]+/dist/htmx.min.js\"");
        assertThat(page).contains("aucune place n&#39;est attribuée");
        assertThat(page).doesNotContain("Cliquez sur « Réserver »");
        // nothing is held during the wishes: the draft's expiry speaks of wishes, not of places kept
        assertThat(page).contains("Votre démarche est conservée jusqu&#39;au", "vos vœux sont retirés")
                .doesNotContain("sont retenues pour vous");
    }

    @Test
    void htmxIsServedFromTheJar() throws Exception {
        String script = mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js").with(parent()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(script).contains("htmx");
    }

    @Test
    void aWishIsPostedWithItsRankAndSaidInItsCell() throws Exception {
        MvcResult result = mvc.perform(post("/reservations/" + DEMANDE + "/planning/voeu").with(parent()).with(csrf())
                        .param("childId", LILA.toString()).param("sessionId", ESCALADE.toString()).param("rank", "2")
                        .param("label", "Escalade, lundi 16/11/2020, Matin, pour Lila"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/reservations/" + DEMANDE + "/planning#s-" + ESCALADE + "-" + LILA))
                .andExpect(flash().attributeExists("notice"))
                .andReturn();

        assertThat(API.calls).contains("PUT /api/demandes/" + DEMANDE + "/reservations/" + LILA + "/" + ESCALADE + "?rank=2");
        assertThat(result.getFlashMap().get("notice").toString())
                .contains("Vœu n° 2 enregistré : Escalade, lundi 16/11/2020, Matin, pour Lila.");
    }

    @Test
    void theRecapListsTheWishesWithTheirRank() throws Exception {
        assertThat(page("/reservations/" + DEMANDE + "/recapitulatif")).contains("Poney", "vœu n° 1");
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(parent())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The command- and query-services' answers for one draft of a lottery programme, as api.md writes them. */
    static final class ServicesStub extends StubServices {
        final List<String> calls = new CopyOnWriteArrayList<>();
        @Override
        protected void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            calls.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            String body;
            int status = 200;
            if (path.equals("/api/demandes/" + DEMANDE)) {
                body = """
                        {"demandeId":"%s","status":"DRAFT","programmeId":"%s","expiresAt":"2020-10-01T10:30:00Z",
                         "reservations":[{"childId":"%s","childFirstName":"Lila","sessionId":"%s","activity":"Poney",
                          "date":"2020-11-16","period":"MATIN","status":"WISHED","rank":1}],"history":[]}"""
                        .formatted(DEMANDE, PROGRAMME, LILA, PONEY);
            } else if (path.equals("/api/families/me")) {
                body = """
                        {"familyId":"%s","guardians":[],"children":[{"childId":"%s","firstName":"Lila","lastName":"VOEUX",
                         "birthDate":"2012-03-08"}]}""".formatted(UUID.randomUUID(), LILA);
            } else if (path.equals("/api/programmes/" + PROGRAMME + "/planning")) {
                body = """
                        {"programmeId":"%s","title":"Vacances au poney-club","days":[{"date":"2020-11-16","periods":[
                          {"period":"MATIN","sessions":[
                            {"sessionId":"%s","activity":"Poney","onlinePlacesLeft":5,"full":false,"waitlistLength":0,
                             "wishes":3,"children":[{"childId":"%s","state":"WISHED","rank":1}]},
                            {"sessionId":"%s","activity":"Escalade","onlinePlacesLeft":5,"full":false,"waitlistLength":0,
                             "wishes":0,"children":[{"childId":"%s","state":"AVAILABLE"}]}]}]}]}"""
                        .formatted(PROGRAMME, PONEY, LILA, ESCALADE, LILA);
            } else if (path.equals("/api/programmes")) {
                body = """
                        [{"programmeId":"%s","title":"Vacances au poney-club","firstDay":"2020-11-16","lastDay":"2020-11-16",
                          "minAge":3,"maxAge":17,"bookingOpensAt":"2020-09-01T00:00:00Z","bookingClosesAt":"2099-12-31T00:00:00Z",
                          "bookingOpen":true,"allocation":"LOTTERY","wishesCloseAt":"2020-10-05T00:00:00Z"}]"""
                        .formatted(PROGRAMME);
            } else if (exchange.getRequestMethod().equals("PUT") && path.startsWith("/api/demandes/" + DEMANDE + "/reservations/")) {
                status = 201;
                body = """
                        {"demandeId":"%s","childId":"%s","sessionId":"%s","status":"WISHED","rank":2}"""
                        .formatted(DEMANDE, LILA, ESCALADE);
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
