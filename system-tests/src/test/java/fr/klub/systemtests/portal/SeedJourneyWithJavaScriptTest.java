package fr.klub.systemtests.portal;

import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's journey ({@link SeedJourney}) with JavaScript on: htmx posts each click of the grid and
 * swaps the grids in place, the page is never reloaded, the focus comes back to the clicked cell and
 * the result is announced. A family of its own (Thaïs and Eden RUCHE, registered by staff through the
 * command API), so that the demo family's Thaïs walks the same week without JavaScript.
 */
@OnThePortalSystem
class SeedJourneyWithJavaScriptTest {

    private static final String LOGIN = "famille.ruche";
    private static final String PASSWORD = "ruche-mot-de-passe-2020";

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
    void thaisBooksTheSeedsWeekWithHtmx() {
        KlubSystem system = portal.system();
        Http.Answer family = system.asStaff(system.command()).post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"Maud","lastName":"RUCHE","email":"maud.ruche@example.org"}],
                 "children":[{"firstName":"Thaïs","lastName":"RUCHE","birthDate":"2011-04-14"},
                             {"firstName":"Eden","lastName":"RUCHE","birthDate":"2009-08-26"}],
                 "login":{"username":"%s","password":"%s"}}""".formatted(LOGIN, PASSWORD));
        assertThat(family.status()).as(family.toString()).isEqualTo(201);

        new SeedJourney(portal, browser, true).walk(LOGIN, PASSWORD);
    }
}
