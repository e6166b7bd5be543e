package fr.klub.systemtests.portal;

import com.fasterxml.jackson.databind.JsonNode;
import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A lottery programme's wish window in the browser (product.md §10, §12). Staff create the programme
 * (allocation LOTTERY, wishes until 5/10/2020 on the business clock that starts on 1/10) and its
 * sessions through the command API; Lila's parent then wishes from step 2 with ranks — two wishes
 * for the Monday morning, 1st and 2nd choice, one for the afternoon, one added and taken back —
 * sees each session's "N vœu(x) pour M places", the page's explanation of the window, checked by
 * axe-core (WCAG 2.1 AA), and deposits: the recap and the demande list the wishes with their rank.
 * JavaScript on (axe-core is a script), so the clicks go through htmx.
 */
@OnThePortalSystem
class LotteryWishesInBrowserTest {

    private static final String TITLE = "Vacances au poney-club (tirage au sort)";
    private static final String MONDAY = "2020-11-16";
    private static final String LOGIN = "famille.voeux";
    private static final String PASSWORD = "voeux-mot-de-passe-2020";

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
    void lilasParentWishesWithRanksAndDeposits() {
        KlubSystem system = portal.system();
        Http staff = system.asStaff(system.command());
        String programme = created(staff.post("/api/staff/programmes", """
                {"title":"%s","firstDay":"%s","lastDay":"%s","minAge":3,"maxAge":17,
                 "bookingOpensAt":"2020-09-01T00:00:00Z","bookingClosesAt":"2099-12-31T00:00:00Z",
                 "cancellationDeadlineDays":2,"allocation":"LOTTERY","wishesCloseAt":"2020-10-05T00:00:00Z"}"""
                .formatted(TITLE, MONDAY, MONDAY))).get("programmeId").asText();
        for (String session : new String[] {"Poney|MATIN", "Escalade|MATIN", "Cuisine|APRES_MIDI", "Théâtre|APRES_MIDI"}) {
            String[] parts = session.split("\\|");
            created(staff.post("/api/staff/programmes/" + programme + "/sessions",
                    "{\"activity\":\"%s\",\"date\":\"%s\",\"period\":\"%s\",\"capacity\":10}".formatted(parts[0], MONDAY, parts[1])));
        }
        created(staff.post("/api/staff/families", """
                {"guardians":[{"civility":"M","firstName":"Hugo","lastName":"VOEUX","email":"hugo.voeux@example.org"}],
                 "children":[{"firstName":"Lila","lastName":"VOEUX","birthDate":"2012-03-08"}],
                 "login":{"username":"%s","password":"%s"}}""".formatted(LOGIN, PASSWORD)));
        await("the programme in the read model").until(() ->
                system.query().as(LOGIN, PASSWORD).get("/api/programmes").body().contains(programme));

        browser.signIn(LOGIN, PASSWORD);
        browser.pressLink("Modifier les réservations : " + TITLE);
        browser.driver().findElement(By.xpath("//label[normalize-space(.)='Lila']")).click();
        browser.press("Aller à l'étape 2");

        // The wish window, explained; every session counts its wishes against its places (half of 10 online)
        assertThat(browser.text()).contains("Les vœux sont ouverts jusqu'au", "puis un tirage au sort attribue les places");
        assertThat(cell("Poney", "MATIN").getText()).contains("0 vœu pour 5 places", "Ajouter à mes vœux");

        wish("Poney", "MATIN", "1er choix");
        assertThat(cell("Poney", "MATIN").getText()).contains("Vœu n° 1 pour Lila", "1 vœu pour 5 places", "Retirer ce vœu");
        // the next wish of the half-day is offered as the 2nd choice
        assertThat(new Select(cell("Escalade", "MATIN").findElement(By.tagName("select"))).getFirstSelectedOption().getText())
                .isEqualTo("2e choix");
        wish("Escalade", "MATIN", "2e choix");
        assertThat(cell("Escalade", "MATIN").getText()).contains("Vœu n° 2 pour Lila");
        wish("Cuisine", "APRES_MIDI", "1er choix");
        wish("Théâtre", "APRES_MIDI", "2e choix");
        browser.pressIn(cell("Théâtre", "APRES_MIDI"), "Retirer ce vœu");
        assertThat(cell("Théâtre", "APRES_MIDI").getText()).contains("Vœu retiré", "Ajouter à mes vœux")
                .doesNotContain("Vœu n°");

        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
        browser.checkAccessibility("the wish window's grid, with ranked wishes");
        browser.screenshots("05-planning-voeux");

        // Step 3 and the demande list the wishes with their rank
        browser.pressLink("Aller à l'étape 3");
        assertThat(browser.driver().findElements(By.cssSelector("table.recap tbody tr"))).hasSize(3);
        assertThat(browser.text()).contains("Poney – vœu n° 1", "Escalade – vœu n° 2", "Cuisine – vœu n° 1");
        browser.press("Valider");
        assertThat(browser.heading()).isEqualTo("Nous avons bien enregistré votre demande");
        assertThat(browser.text()).contains("Déposée");

        browser.open("/demandes");
        browser.clickToNextPage(browser.driver().findElement(By.partialLinkText("Voir la demande n°")));
        assertThat(browser.text()).contains("Poney – vœu n° 1", "Escalade – vœu n° 2", "Cuisine – vœu n° 1");
    }

    private static WebElement cell(String activity, String period) {
        return browser.session("Lila", activity, MONDAY, period);
    }

    /** Chooses the wish's rank in the cell's list, then "Ajouter à mes vœux". */
    private static void wish(String activity, String period, String rank) {
        new Select(cell(activity, period).findElement(By.tagName("select"))).selectByVisibleText(rank);
        browser.pressIn(cell(activity, period), "Ajouter à mes vœux");
        assertThat(cell(activity, period).getText()).contains("Vœu n° " + rank.charAt(0) + " pour Lila",
                "Vœu n° " + rank.charAt(0) + " enregistré");
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }
}
