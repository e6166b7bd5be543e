package fr.klub.systemtests.portal;

import java.util.function.Predicate;

import fr.klub.platform.demo.DemoLogins;
import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.OnThePortalSystem;
import fr.klub.systemtests.support.PortalSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After signing in, a booking with the keyboard only: Tab to move, Space to tick, Enter to press — no mouse, no click
 * by the test. The first Tab reaches the skip link, and the element that has the focus shows it
 * (an outline). Eden books Tuesday 20/10 (Roller-skate, Repas), days the other browser tests leave free.
 */
@OnThePortalSystem
class KeyboardOnlyJourneyTest {

    private static final int MOST_TABS = 600;

    private static ParentBrowser browser;

    @BeforeAll
    static void start() {
        Browsers.requireInstalled();
        String url = System.getProperty("klub.portal.url", "");
        browser = new ParentBrowser(url.isBlank() ? PortalSystem.get().url() : url, true);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void edenBooksTuesdayWithTheKeyboardOnly() {
        DemoLogins.Login parent = DemoLogins.load().parent();
        browser.signIn(parent.username(), parent.password());

        tab();
        assertThat(focused().getText()).isEqualTo("Aller au contenu");
        assertThat(focused().getCssValue("outline-style")).as("visible focus").isNotEqualTo("none");

        tabTo(e -> "a".equals(e.getTagName()) && words(e).startsWith("Modifier les réservations")
                && words(e).contains("Activités et repas Klub 8-12 ans"));
        enter();
        assertThat(browser.heading()).isEqualTo("Modifier les réservations");
        tabTo(e -> "checkbox".equals(e.getAttribute("type")) && label(e).equals("Eden"));
        press(Keys.SPACE);
        assertThat(focused().isSelected()).isTrue();
        tabTo(e -> e.getText().equals("Aller à l'étape 2"));
        enter();
        assertThat(browser.text()).contains("Réserver pour Eden");

        tabTo(e -> "button".equals(e.getTagName()) && words(e).contains("Réserver Roller-skate, mardi 20/10/2020, Matin, pour Eden"));
        enter();
        assertThat(browser.session("Eden", "Roller-skate", "2020-10-20", "MATIN").getText()).contains("Réservé pour Eden");
        // htmx swapped the grids: the focus is back in the cell, and Tab goes on from there
        browser.awaitFocusIn(browser.session("Eden", "Roller-skate", "2020-10-20", "MATIN").getAttribute("id"));
        tabTo(e -> "button".equals(e.getTagName()) && words(e).contains("Réserver Repas, mardi 20/10/2020, Midi, pour Eden"));
        enter();
        assertThat(browser.session("Eden", "Repas", "2020-10-20", "MIDI").getText()).contains("Réservé pour Eden");

        tabTo(e -> e.getText().equals("Aller à l'étape 3"));
        enter();
        tabTo(e -> e.getText().equals("Valider"));
        enter();
        assertThat(browser.heading()).isEqualTo("Nous avons bien enregistré votre demande");
    }

    /** All the words of an element, the visually hidden ones included (what a screen reader says). */
    private static String words(WebElement element) {
        return String.valueOf(element.getDomProperty("textContent")).replaceAll("\\s+", " ").strip();
    }

    private static String label(WebElement input) {
        return browser.driver().findElement(org.openqa.selenium.By.cssSelector("label[for='" + input.getAttribute("id") + "']")).getText();
    }

    private static WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    private static void tab() {
        press(Keys.TAB);
    }

    private static void press(Keys key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    /**
     * Enter on a link or a submit button: the next page replaces this one, or (a button of the grid, with
     * htmx) the grids are swapped in place; either way the pressed element is gone.
     */
    private static void enter() {
        WebElement pressed = focused();
        press(Keys.ENTER);
        browser.awaitNextPage(pressed);
    }

    /** Tabs forward until the focused element is the one wanted; fails if it is never reached. */
    private static void tabTo(Predicate<WebElement> wanted) {
        for (int i = 0; i < MOST_TABS; i++) {
            tab();
            if (wanted.test(focused())) {
                return;
            }
        }
        throw new AssertionError("Not reachable with Tab from " + browser.path());
    }
}
