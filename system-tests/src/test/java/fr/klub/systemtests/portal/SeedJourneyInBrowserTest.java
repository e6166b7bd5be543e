package fr.klub.systemtests.portal;

import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.KlubSystem;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's journey ({@link SeedJourney}) in a real headless Chromium with JavaScript turned off:
 * every click a form post, for the demo family's Thaïs.
 */
@OnThePortalSystem
class SeedJourneyInBrowserTest {

    private static PortalSystem portal;
    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        portal = PortalSystem.get();
        browser = new ParentBrowser(portal, false);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thaisBooksTheSeedsWeekWithoutJavaScript() {
        KlubSystem system = portal.system();
        new SeedJourney(portal, browser, false).walk(system.logins().parent().username(), system.logins().parent().password());
    }
}
