package fr.klub.systemtests.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import fr.klub.systemtests.support.Browsers;
import fr.klub.systemtests.support.PortalSystem;
import fr.klub.systemtests.support.Repository;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parent's browser on the portal: what a person does (open a page, sign in, press a button by its
 * words) and what the tests check on each page (axe-core at WCAG 2.1 AA, screenshots).
 */
final class ParentBrowser implements AutoCloseable {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** Selenium checks every 500 ms by default; most pages and swaps are there a few milliseconds after a click. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private final String portal;
    private final ChromeDriver driver;
    private final boolean javascript;

    ParentBrowser(PortalSystem portal, boolean javascript) {
        this(portal.url(), javascript);
    }

    /** A browser on the portal at {@code portalUrl}, e.g. http://localhost:8080. */
    ParentBrowser(String portalUrl, boolean javascript) {
        this.portal = portalUrl;
        this.javascript = javascript;
        this.driver = Browsers.chromium(javascript);
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(portal + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(portal) ? url.substring(portal.length()) : url;
    }

    /** Signs in through the provider's page, as a parent does from the portal's "Se connecter". */
    void signIn(String login, String password) {
        signIn(login, password, "Ma famille");
    }

    /** Signs in as anyone (staff, auditor too) and waits for the first page of their space, by its heading. */
    void signIn(String login, String password, String firstHeading) {
        open("/connexion");
        pressLink("Se connecter");
        driver.findElement(By.id("identifiant")).sendKeys(login);
        driver.findElement(By.id("motDePasse")).sendKeys(password);
        clickToNextPage(driver.findElement(By.cssSelector("form button[type=submit]")));
        // the provider's redirects end on the portal's home
        waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.tagName("h1"), firstHeading));
    }

    /** Waits for an element to be shown (the page after a form's redirects); keeps the page if it never is. */
    WebElement await(By element) {
        try {
            return waitUpTo(Duration.ofSeconds(30))
                    .until(ExpectedConditions.visibilityOfElementLocated(element));
        } catch (TimeoutException notThere) {
            keepPage();
            throw notThere;
        }
    }

    /** Waits until the page that was shown is replaced by the next one (after a key press on a link or button). */
    void awaitNextPage(WebElement onThePageBefore) {
        waitUpTo(Duration.ofSeconds(30)).until(browser -> isGone(onThePageBefore));
    }

    /**
     * Selenium's stalenessOf expects a StaleElementReferenceException, but Chromium 150 sometimes
     * answers a node of the page being replaced with "Node with given id does not belong to the
     * document" instead: that node is gone too.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException replaced) {
            if (String.valueOf(replaced.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw replaced;
        }
    }

    /** A wait on this browser that checks its condition every {@link #CHECK_EVERY}. */
    WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout, CHECK_EVERY);
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    String title() {
        return driver.getTitle();
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void pressLink(String words) {
        clickToNextPage(driver.findElement(By.xpath("//a[normalize-space(.)=" + literal(words) + "]")));
    }

    /** Every link and button of the portal leads to another page (a form post answers with a redirect). */
    void clickToNextPage(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        awaitNextPage(page);
    }

    /** The button whose accessible words start with {@code words} (visible word + hidden context). */
    WebElement button(String words) {
        return driver.findElement(By.xpath("//button[starts-with(normalize-space(.), " + literal(words) + ")]"));
    }

    void press(String words) {
        clickToNextPage(button(words));
    }

    /** The grid's entry of one session for one child ({@code date} as 2020-10-19, {@code period} as MATIN). */
    WebElement session(String child, String activity, String date, String period) {
        keepPage();
        return driver.findElement(By.xpath("//section[@data-enfant=" + literal(child) + "]//li[@data-seance="
                + literal(activity + "|" + date + "|" + period) + "]"));
    }

    /**
     * Presses the button of one session's entry in the grid ("Réserver", "Libérer", "M'inscrire…"). Without
     * JavaScript the next page comes; with it, htmx swaps the grids in place: the page must stay.
     */
    void pressIn(WebElement session, String words) {
        WebElement button = session.findElement(By.xpath(".//button[starts-with(normalize-space(.), " + literal(words) + ")]"));
        if (javascript) {
            clickInPlace(button);
        } else {
            clickToNextPage(button);
        }
    }

    /** A click that htmx answers by swapping part of the page: the pressed element is replaced, the page is not. */
    void clickInPlace(WebElement element) {
        JavascriptExecutor js = driver;
        // a click before htmx has set the page up is a plain form post (the page without JavaScript)
        waitUpTo(Duration.ofSeconds(30)).until(browser -> Boolean.TRUE.equals(js.executeScript(
                "return document.readyState === 'complete' && window.htmx !== undefined")));
        js.executeScript("window.klubSamePage = true");
        element.click();
        awaitNextPage(element);
        assertThat(js.executeScript("return window.klubSamePage === true"))
                .as("the click was answered in place, without loading a page").isEqualTo(true);
    }

    /** Waits until the focus is in the element of that id (after htmx settled a swap). */
    void awaitFocusIn(String id) {
        try {
            waitUpTo(Duration.ofSeconds(10)).until(browser -> Boolean.TRUE.equals(((JavascriptExecutor) browser)
                    .executeScript("var e = document.getElementById(arguments[0]);"
                            + "return e !== null && e.contains(document.activeElement);", id)));
        } catch (TimeoutException elsewhere) {
            keepPage();
            throw new AssertionError("the focus is not in #" + id + " but on "
                    + driver.switchTo().activeElement().getAttribute("outerHTML"), elsewhere);
        }
    }

    /** axe-core on the page as it is now: no violation of WCAG 2.1 A/AA. Needs JavaScript (axe is a script). */
    void checkAccessibility(String state) {
        assertThat(javascript).as("axe-core runs as a script: use a browser with JavaScript").isTrue();
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        assertThat(results.getViolations()).as("axe-core WCAG 2.1 AA violations on %s (%s):%n%s", state, path(),
                describe(results.getViolations())).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(rule -> "- " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }

    /** Saves the whole page at desktop width and at 320 px: {@code <name>-bureau.png}, {@code <name>-320.png}. */
    void screenshots(String name) {
        shoot(name + "-bureau", Browsers.DESKTOP);
        shoot(name + "-320", Browsers.PHONE);
        driver.manage().window().setSize(Browsers.DESKTOP);
    }

    private void shoot(String name, Dimension size) {
        driver.manage().window().setSize(size);
        if (javascript) {
            // a click comes back at its cell's anchor: the picture starts at the page's top all the same
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            driver.manage().window().setSize(new Dimension(size.getWidth(), Math.min(height.intValue() + 20, 6000)));
        }
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path folder = screenshotFolder();
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * target/portal-screenshots by default; {@code -Dklub.portal.screenshots=docs} refreshes the README's
     * pictures in docs/portal (not by default: a plain test run must not rewrite committed files).
     */
    static Path screenshotFolder() {
        return "docs".equals(System.getProperty("klub.portal.screenshots"))
                ? Repository.root().resolve("docs").resolve("portal")
                : Path.of("target", "portal-screenshots").toAbsolutePath();
    }

    /** The page's HTML in target/last-page.html: what a failing assertion was looking at. */
    void keepPage() {
        try {
            Files.writeString(Path.of("target", "last-page.html"), driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
