package fr.klub.portal.account;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static fr.klub.portal.SignedInParent.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Mon compte": the family corrects its guardians' details (api.md {@code PUT /api/families/me/guardians}),
 * against a stub of the services: the form shows the details held, sends them as a whole, and an invalid
 * field comes back with the API's sentence next to it and what was typed kept.
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class GuardiansFormTest {

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
        API.bodies.clear();
    }

    @AfterAll
    static void stop() {
        API.close();
    }

    @Test
    void theFormShowsTheDetailsHeldAndSendsThemAsAWhole() throws Exception {
        String page = mvc.perform(get("/compte").with(parent())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Responsable 1", "value=\"Laëtitia\"", "value=\"TEST\"", "value=\"laetitia@example.org\"",
                "Enregistrer les coordonnées");

        mvc.perform(post("/compte/responsables").with(parent()).with(csrf()).param("count", "1")
                        .param("guardians[0].civility", "MME").param("guardians[0].firstName", "Laëtitia")
                        .param("guardians[0].lastName", "TEST-MARTIN").param("guardians[0].email", "l.test@example.org"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/compte#responsables"));

        assertThat(API.bodies).containsExactly("PUT /api/families/me/guardians {\"guardians\":[{\"civility\":\"MME\","
                + "\"firstName\":\"Laëtitia\",\"lastName\":\"TEST-MARTIN\",\"email\":\"l.test@example.org\"}]}");
    }

    @Test
    void anInvalidFieldIsRefusedAtTheFieldWithWhatWasTyped() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MvcResult posted = mvc.perform(post("/compte/responsables").session(session).with(parent()).with(csrf())
                        .param("count", "1").param("guardians[0].civility", "MME").param("guardians[0].firstName", "Laëtitia")
                        .param("guardians[0].lastName", "TEST").param("guardians[0].email", "pas-une-adresse"))
                .andExpect(redirectedUrl("/compte#responsables")).andReturn();

        String page = mvc.perform(get("/compte").session(session).with(parent())
                        .flashAttrs(posted.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("value=\"pas-une-adresse\"", "aria-invalid=\"true\"",
                "aria-describedby=\"responsable-0-email-err\"",
                "id=\"responsable-0-email-err\" class=\"field-error\">L&#39;adresse électronique est invalide.</span>");
    }

    /** The family as the query-service gives it; the command-service refuses an e-mail without "@" as it does. */
    static final class Stub extends StubServices {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        @Override
        protected void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String body;
            int status = 200;
            if (path.equals("/api/families/me")) {
                body = """
                        {"familyId":"%s","guardians":[{"civility":"MME","firstName":"Laëtitia","lastName":"TEST",
                         "email":"laetitia@example.org"}],"children":[]}""".formatted(UUID.randomUUID());
            } else if (path.equals("/api/families/me/guardians") && sent.contains("pas-une-adresse")) {
                status = 400;
                body = """
                        {"code":"VALIDATION_FAILED","status":400,"detail":"Le champ « guardians[0].email » est invalide.",
                         "errors":[{"field":"guardians[0].email","message":"L'adresse électronique est invalide."}]}""";
            } else if (path.equals("/api/families/me/guardians")) {
                bodies.add(exchange.getRequestMethod() + " " + path + " " + sent);
                body = "{}";
            } else {
                status = 404;
                body = "{\"code\":\"NOT_FOUND\",\"detail\":\"Inconnu.\",\"status\":404}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
