package fr.klub.portal.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.AuditApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The audit pages' states that the browser test cannot reach on demand — a draw's proof, a draw not
 * made yet, a replay that finds violations, a replay already running — rendered from what the API
 * answers (AuditApi replaced by a stub), for a signed-in auditor.
 */
@SpringBootTest(properties = "klub.portal.oidc.client-secret=secret-de-test")
@AutoConfigureMockMvc
class AuditPagesTest {

    private static final UUID PROGRAMME = UUID.fromString("1b666a69-6e40-428a-9888-a63c135b5912");
    private static final UUID CHILD = UUID.fromString("a8f82543-e334-45cc-88e3-4dfb95647141");
    private static final UUID SESSION = UUID.fromString("3e921550-d048-46f6-865f-cfd2f7c661bf");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AuditApi audit;

    @Test
    void aDrawsProofSaysReproducedWithItsCommitmentSeedOrderAndAllocation() throws Exception {
        noLotteryInTheHistory();
        when(audit.draw(PROGRAMME)).thenReturn(new AuditApi.DrawProof("c0ffee", "5eed", Instant.parse("2020-10-05T22:00:00Z"),
                List.of(UUID.fromString("cd65255b-28c9-4002-a02d-8a1a24f4fb62")),
                List.of(new AuditApi.Granted(CHILD, SESSION)), List.of(), true, true));

        String page = page("/audit/tirages?programme=" + PROGRAMME);

        assertThat(page).contains("Preuve du tirage", "Reproduit</span> : <span>oui", "c0ffee", "5eed",
                "cd65255b-28c9-4002-a02d-8a1a24f4fb62", CHILD.toString(), SESSION.toString(),
                "Aucune inscription sur liste d&#39;attente.");
    }

    @Test
    void aDrawThatDoesNotReproduceSaysNo() throws Exception {
        noLotteryInTheHistory();
        when(audit.draw(PROGRAMME)).thenReturn(new AuditApi.DrawProof("c0ffee", "5eed", Instant.parse("2020-10-05T22:00:00Z"),
                List.of(), List.of(), List.of(new AuditApi.Waitlisted(CHILD, SESSION, 1)), false, false));

        assertThat(page("/audit/tirages?programme=" + PROGRAMME)).contains("Reproduit</span> : <span>non", "message--error");
    }

    @Test
    void aLotteryNotDrawnYetIsSaidInWords() throws Exception {
        noLotteryInTheHistory();
        when(audit.draw(PROGRAMME)).thenThrow(new ApiRefusal(409, "NOT_DRAWN", "Le tirage de ce programme n'a pas eu lieu.", List.of()));

        assertThat(page("/audit/tirages?programme=" + PROGRAMME)).contains("Le tirage n&#39;a pas encore eu lieu.",
                "Réponse du service : Le tirage de ce programme n&#39;a pas eu lieu.");
    }

    @Test
    void eachViolationIsExplainedByItsRuleInWords() throws Exception {
        when(audit.verify()).thenReturn(new AuditApi.Verification(18, List.of(new AuditApi.Violation(3, SESSION.toString(),
                "la place en ligne reste comptée sans réservation vivante", 12)), false, 40, 18, List.of(
                new AuditApi.ReadModelCheck("planning", false, 7, 1, List.of("séance : 1 place en trop"), 0))));

        String report = afterPost("/audit/verification");

        assertThat(report).contains("1 violation(s) trouvée(s) sur les 18 événements rejoués.",
                "Règle 3 – aucune place perdue", "la place en ligne reste comptée sans réservation vivante",
                "n° 12", "Premières différences – planning", "séance : 1 place en trop");
    }

    @Test
    void aReplayAlreadyRunningIsARefusalNextToTheButton() throws Exception {
        when(audit.verify()).thenThrow(new ApiRefusal(409, "VERIFICATION_RUNNING",
                "Une vérification est déjà en cours.", List.of()));

        assertThat(afterPost("/audit/verification")).contains("Refusé : </span><span>Une vérification est déjà en cours.")
                .doesNotContain("Aucune violation");
    }

    @Test
    void anUnknownEventTypeIsTheApisSentenceAtTheTypeField() throws Exception {
        when(audit.events(any(), anyLong(), anyInt())).thenThrow(new ApiRefusal(400, "VALIDATION_FAILED",
                "Type d'événement inconnu : « Truc ».", List.of(new ApiRefusal.FieldError("type", "Type d'événement inconnu : « Truc »."))));

        String page = page("/audit/?type=Truc");

        assertThat(page).contains("id=\"type-err\"", "Type d&#39;événement inconnu : « Truc ».")
                .containsPattern("id=\"type\"[^>]*aria-describedby=\"type-err type-aide\"");
    }

    @Test
    void aDemandeAsOfAnInstantShowsItsReservationsWishesAndStatusHistory() throws Exception {
        UUID demande = UUID.fromString("8084b1af-963c-4ae5-be0a-66dc4b82134e");
        Instant at = Instant.parse("2020-10-19T07:00:05Z");
        when(audit.demande(demande, at)).thenReturn(new AuditApi.DemandeAsOf(demande, at, UUID.randomUUID(), PROGRAMME,
                List.of(CHILD), "DEPOSITED", 4L, at.minusSeconds(60), null, at.minusSeconds(5), null, null,
                List.of(new AuditApi.Ref(CHILD, SESSION)),
                List.of(new AuditApi.Wish(CHILD, SESSION, java.time.LocalDate.parse("2020-11-09"), "MATIN", 2)),
                List.of(new AuditApi.StatusChange("DRAFT", at.minusSeconds(60)), new AuditApi.StatusChange("DEPOSITED", at.minusSeconds(5))),
                3, 110));

        // 09:00:05 in Paris, typed the French way
        String page = page("/audit/instant?objet=demande&id=" + demande + "&instant=19/10/2020 09:00:05");

        assertThat(page).contains("Demande n° 4", "à la date du 19/10/2020 09:00:05 (heure de Paris)", "Déposée",
                "Vœux du tirage au sort à cet instant", "lundi 09/11/2020, Matin", "choix n° 2", "Brouillon",
                "value=\"2020-10-19T09:00:05\"");
    }

    private void noLotteryInTheHistory() {
        when(audit.events(any(), anyLong(), eq(1000))).thenReturn(new AuditApi.HistoryPage(List.of(), null, 0));
    }

    private static MockHttpSession auditor() {
        List<GrantedAuthority> roles = List.of(new SimpleGrantedAuthority("ROLE_AUDITOR"));
        OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(
                new DefaultOAuth2User(roles, Map.of("sub", "auditeur"), "sub"), roles, "klub");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(token));
        return session;
    }

    private String page(String path) throws Exception {
        MvcResult result = mvc.perform(get(path).session(auditor())).andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    /** The form's POST (with its CSRF token, as a browser sends it), then the page it redirects to. */
    private String afterPost(String path) throws Exception {
        MockHttpSession session = auditor();
        String form = mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).as("the form's CSRF token").isTrue();
        MvcResult posted = mvc.perform(post(path).session(session).param("_csrf", csrf.group(1))).andReturn();
        assertThat(posted.getResponse().getStatus()).isEqualTo(302);
        MvcResult next = mvc.perform(get(path).session(session).flashAttrs(posted.getFlashMap())).andReturn();
        return next.getResponse().getContentAsString();
    }
}
