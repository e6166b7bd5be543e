package fr.klub.systemtests.portal;

import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.platform.demo.DemoLogins;
import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff's day at the desk ("Espace agent"), in a real browser. The queue holds the demo's
 * deposited demandes; two families registered for the test deposit through the parents' API: the ROBIN family's demande holds the one online place of
 * "Tournoi de switch" (30/10, morning, made full by staff), where a NGUYEN child waits; the NGUYEN
 * family's demande books a lunch. The agent finds both in the queue (beside the demo's), refuses the
 * first with a reason — after the API's refusal of an empty one, shown at the field — and accepts the
 * second, with the keyboard only; the session's waiting list then shows the place offered to the child
 * in line. The agent books the refused child on site, found by name, is refused a capacity below the
 * bookings, and cancels another session. A parent opening /agent/ gets the 403 page. Every page and
 * state goes through axe-core (WCAG 2.1 AA) and is photographed. Friday 30/10 is left to this test.
 */
@OnThePortalSystem
class StaffDayInBrowserTest {

    private static final String FRIDAY = "2020-10-30";
    private static final String FRIDAY_WORDS = "vendredi 30/10/2020";
    private static final String SWITCH = "Tournoi de switch";
    private static final String PASSERELLE = "Passerelle 11-12 ans";
    private static final String MISSING_DOCUMENTS = "Pièces manquantes au dossier";
    private static final int MOST_TABS = 400;

    private static PortalSystem portal;
    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        portal = PortalSystem.get();
        browser = new ParentBrowser(portal, true);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theAgentDecidesTheQueueBooksOnSiteAndTheWaitingListMovesOn() {
        KlubSystem system = portal.system();
        Http staffC = system.asStaff(system.command());
        Http staffQ = system.asStaff(system.query());
        String programmeId = demoProgramme(staffQ);
        String switchId = session(staffQ, programmeId, FRIDAY, "MATIN", SWITCH);
        String passerelleId = session(staffQ, programmeId, FRIDAY, "MATIN", PASSERELLE);
        String lunchId = session(staffQ, programmeId, FRIDAY, "MIDI", "Repas");

        // Staff make the session full with one online place; two families deposit through the parents' API
        assertThat(staffC.put("/api/staff/sessions/" + switchId + "/quota", "{\"capacity\":2,\"onlineQuota\":1}").status())
                .isEqualTo(200);
        Family robin = register(staffC, "ROBIN", "Claire", "Jules", "2011-06-02");
        Family nguyen = register(staffC, "NGUYEN", "Thanh", "Mila", "2010-01-19");
        long refused = deposit(robin, programmeId, switchId);
        long accepted = deposit(nguyen, programmeId, lunchId);
        Http.Answer queued = nguyen.parentC().put("/api/waitlist/" + switchId + "/" + nguyen.childId());
        assertThat(queued.status()).as("Mila waits for the full session: %s", queued).isEqualTo(201);

        DemoLogins.Login agent = system.logins().staff();
        browser.signIn(agent.username(), agent.password(), "File des demandes");

        // The queue: the demo's deposited demandes (BERNARD's is the oldest) and the two new ones, oldest first
        assertThat(browser.text()).contains("LE GOFF", "Maël LE GOFF", "MARTIN", "Lucas MARTIN");
        Select.programme(browser, "Activités et repas Klub 8-12 ans", "Filtrer");
        String queue = browser.driver().findElement(By.tagName("table")).getText();
        assertThat(queue).contains("Demande n° " + refused, "ROBIN", "Jules ROBIN", "Demande n° " + accepted, "Mila NGUYEN");
        assertThat(queue.indexOf("Demande n° " + refused)).isLessThan(queue.indexOf("Demande n° " + accepted));
        check("agent-file", "the queue");

        // The session before any decision: Jules's place in a deposited demande, Mila first in line
        openSession(SWITCH);
        assertThat(section("inscrits")).contains("Jules ROBIN", "En ligne", "Demande déposée", "Demande n° " + refused);
        assertThat(section("attente")).contains("Mila NGUYEN", "En attente");
        check("agent-seance", "a session with its roster and waiting list");

        // Keyboard only: the queue → Jules's demande → refuse without a reason (the API says no, at the field)
        browser.pressLink("File des demandes");
        tabTo(e -> "a".equals(e.getTagName()) && e.getText().equals("Demande n° " + refused));
        enter();
        assertThat(browser.heading()).isEqualTo("Demande n° " + refused);
        assertThat(browser.text()).contains("Famille ROBIN", "Claire ROBIN", "Jules ROBIN", SWITCH, FRIDAY_WORDS, "Déposée");
        check("agent-demande", "a deposited demande");
        tabTo(e -> "button".equals(e.getTagName()) && e.getText().equals("Refuser la demande"));
        enter();
        WebElement reason = browser.driver().findElement(By.id("reason"));
        assertThat(reason.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(reason.getAttribute("aria-describedby")).contains("reason-err");
        assertThat(browser.driver().findElement(By.id("reason-err")).getText())
                .isEqualTo("Refusé : Le motif est obligatoire pour un refus.");
        assertThat(browser.text()).contains("Déposée");
        check("agent-demande-refus-sans-motif", "a refusal without a reason");

        // ... then with the suggested reason, typed
        tabTo(e -> "reason".equals(e.getAttribute("id")));
        new Actions(browser.driver()).sendKeys(MISSING_DOCUMENTS).perform();
        tabTo(e -> "button".equals(e.getTagName()) && e.getText().equals("Refuser la demande"));
        enter();
        assertThat(browser.text()).contains("Demande refusée : ses places sont libérées", "Traitée négativement",
                "Motif du refus", MISSING_DOCUMENTS).doesNotContain("Accepter la demande");
        check("agent-demande-refusee", "a refused demande");

        // ... and Mila's family's demande, accepted
        tabTo(e -> "a".equals(e.getTagName()) && e.getText().equals("Retour à la file des demandes"));
        enter();
        assertThat(browser.driver().findElements(By.linkText("Demande n° " + refused))).as("decided: out of the queue").isEmpty();
        tabTo(e -> "a".equals(e.getTagName()) && e.getText().equals("Demande n° " + accepted));
        enter();
        tabTo(e -> "button".equals(e.getTagName()) && e.getText().equals("Accepter la demande"));
        enter();
        assertThat(browser.text()).contains("Demande acceptée : les réservations sont confirmées", "Traitée positivement");

        // The waiting list moved on: the place Jules left is offered to Mila
        browser.pressLink("Séances");
        Select.programme(browser, "Activités et repas Klub 8-12 ans", "Afficher les séances");
        assertThat(browser.text()).contains(SWITCH, "Complet");
        check("agent-seances", "a programme's sessions");
        openSession(SWITCH);
        assertThat(section("attente")).contains("Mila NGUYEN", "Place proposée jusqu'au");
        assertThat(section("inscrits")).doesNotContain("Jules ROBIN");

        // On-site booking: Jules, found by name, gets the on-site place
        browser.driver().findElement(By.id("recherche")).sendKeys("robin");
        browser.press("Rechercher");
        assertThat(section("sur-place")).contains("Jules ROBIN", "jeudi 02/06/2011", "Claire ROBIN");
        check("agent-seance-recherche", "a child found for on-site booking");
        browser.press("Réserver sur place – Jules ROBIN");
        assertThat(section("sur-place")).contains("Place sur place réservée");
        assertThat(section("inscrits")).contains("Jules ROBIN", "Sur place", "Confirmée");

        // A capacity below the bookings: the API's refusal, at the fields
        WebElement capacity = browser.driver().findElement(By.id("capacity"));
        capacity.clear();
        capacity.sendKeys("1");
        browser.press("Modifier la capacité et le quota");
        assertThat(browser.driver().findElement(By.id("quota-err")).getText()).startsWith("Refusé : ");
        capacity = browser.driver().findElement(By.id("capacity"));
        assertThat(capacity.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(capacity.getAttribute("aria-describedby")).contains("quota-err");
        assertThat(capacity.getAttribute("value")).isEqualTo("1");
        check("agent-seance-quota-refuse", "a quota refused below the bookings");
        JsonNode roster = staffQ.get("/api/staff/sessions/" + switchId).json();
        assertThat(roster.get("capacity").asInt()).isEqualTo(2);

        // Removing Mila from the waiting list takes a reason too; her offer ends with it
        browser.press("Retirer Mila NGUYEN");
        assertThat(section("attente-" + nguyen.childId())).contains("Refusé : ");
        browser.driver().findElement(By.id("motif-" + nguyen.childId())).sendKeys("Famille injoignable");
        browser.press("Retirer Mila NGUYEN");
        assertThat(section("attente")).contains("Personne n'attend une place pour cette séance.")
                .doesNotContain("Mila NGUYEN");

        // Cancelling another session: a reason is required, then it is cancelled
        browser.open("/agent/seances/" + passerelleId);
        browser.press("Annuler la séance");
        assertThat(browser.driver().findElement(By.id("annulation-err")).getText()).startsWith("Refusé : ");
        browser.driver().findElement(By.id("cancelReason")).sendKeys("Intervenant absent");
        browser.press("Annuler la séance");
        assertThat(browser.text()).contains("Séance annulée : ses réservations sont libérées");
        check("agent-seance-annulee", "a cancelled session");

        // A parent on /agent/: the 403 page
        try (ParentBrowser parent = new ParentBrowser(portal, true)) {
            DemoLogins.Login login = system.logins().parent();
            parent.signIn(login.username(), login.password());
            parent.open("/agent/");
            assertThat(parent.heading()).isEqualTo("Accès refusé");
            parent.checkAccessibility("the 403 page for a parent on /agent/");
        }
    }

    private static void check(String name, String state) {
        assertThat(browser.title()).endsWith("– Espace agent – Ville d'Auray");
        assertThat(browser.driver().findElements(By.tagName("h1"))).hasSize(1);
        browser.checkAccessibility(state);
        browser.screenshots(name);
    }

    /** Opens Friday's session of that activity from the programme's list of sessions. */
    private static void openSession(String activity) {
        if (!browser.path().startsWith("/agent/seances")) {
            browser.pressLink("Séances");
        }
        // other programmes may be listed first (the demo may have more than one)
        Select.programme(browser, "Activités et repas Klub 8-12 ans", "Afficher les séances");
        browser.clickToNextPage(browser.driver().findElement(By.xpath("//tr[td[normalize-space(.)='" + FRIDAY_WORDS
                + "']]/th/a[normalize-space(.)='" + activity + "']")));
        assertThat(browser.heading()).startsWith(activity + " – " + FRIDAY_WORDS);
    }

    private static String section(String id) {
        browser.keepPage();
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static String demoProgramme(Http staffQ) {
        for (JsonNode programme : staffQ.get("/api/programmes").json()) {
            if ("Activités et repas Klub 8-12 ans".equals(programme.get("title").asText())) {
                return programme.get("programmeId").asText();
            }
        }
        throw new AssertionError("the demo programme");
    }

    private static String session(Http staffQ, String programmeId, String date, String period, String activity) {
        for (JsonNode day : staffQ.get("/api/programmes/" + programmeId + "/planning").json().get("days")) {
            if (!day.get("date").asText().equals(date)) {
                continue;
            }
            for (JsonNode cell : day.get("periods")) {
                for (JsonNode session : cell.get("sessions")) {
                    if (cell.get("period").asText().equals(period) && session.get("activity").asText().equals(activity)) {
                        return session.get("sessionId").asText();
                    }
                }
            }
        }
        throw new AssertionError("no session " + activity + " on " + date + " " + period);
    }

    /** A family registered by staff with one child and a parent login of its own (unique per run). */
    private static Family register(Http staffC, String lastName, String guardian, String child, String birthDate) {
        String login = lastName.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Desk-" + UUID.randomUUID();
        Http.Answer registered = staffC.post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"%s","lastName":"%s","email":"%s@example.org"}],
                 "children":[{"firstName":"%s","lastName":"%s","birthDate":"%s"}],
                 "login":{"username":"%s","password":"%s"}}""".formatted(guardian, lastName, login, child, lastName,
                birthDate, login, password));
        assertThat(registered.status()).as("family registered: %s", registered).isEqualTo(201);
        KlubSystem system = portal.system();
        return new Family(system.command().as(login, password), registered.json().get("childIds").get(0).asText());
    }

    /** A parent's demande through the API: draft, one hold, deposit; its number. */
    private static long deposit(Family family, String programmeId, String sessionId) {
        Http.Answer draft = family.parentC().post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + family.childId() + "\"]}");
        assertThat(draft.status()).as("draft: %s", draft).isEqualTo(201);
        String demandeId = draft.json().get("demandeId").asText();
        Http.Answer hold = family.parentC().put("/api/demandes/" + demandeId + "/reservations/" + family.childId() + "/" + sessionId);
        assertThat(hold.status()).as("hold: %s", hold).isEqualTo(201);
        Http.Answer deposit = family.parentC().post("/api/demandes/" + demandeId + "/deposit");
        assertThat(deposit.status()).as("deposit: %s", deposit).isEqualTo(200);
        return deposit.json().get("number").asLong();
    }

    private record Family(Http parentC, String childId) {
    }

    /** Chooses a programme in the page's "Programme" list and submits its form. */
    private static final class Select {
        static void programme(ParentBrowser browser, String title, String button) {
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("programme")))
                    .selectByVisibleText(title);
            browser.press(button);
        }
    }

    private static WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    private static void press(Keys key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    /** Enter on a link or a submit button: the next page replaces this one. */
    private static void enter() {
        WebElement page = browser.driver().findElement(By.tagName("html"));
        press(Keys.ENTER);
        browser.awaitNextPage(page);
    }

    /** Tabs forward until the focused element is the one wanted; fails if it is never reached. */
    private static void tabTo(Predicate<WebElement> wanted) {
        for (int i = 0; i < MOST_TABS; i++) {
            press(Keys.TAB);
            if (wanted.test(focused())) {
                return;
            }
        }
        browser.keepPage();
        throw new AssertionError("Not reachable with Tab from " + browser.path());
    }
}
