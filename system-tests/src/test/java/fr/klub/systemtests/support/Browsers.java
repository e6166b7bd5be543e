package fr.klub.systemtests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the machine's packages (Debian's {@code chromium} and {@code chromium-driver}),
 * never a browser downloaded at run time. Without them the browser tests fail and say what to install.
 */
public final class Browsers {

    public static final Path CHROMIUM = Path.of(System.getProperty("klub.chromium", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("klub.chromedriver", "/usr/bin/chromedriver"));
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(320, 720);

    private Browsers() {
    }

    /** Fails at once, naming the packages, when the machine has no Chromium (before any service starts). */
    public static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Chromium and its driver: "
                    + "install Debian's packages with `apt-get install -y chromium chromium-driver` "
                    + "(.ci/run does it); looked for " + CHROMIUM + " and " + CHROMEDRIVER);
        }
    }

    /** A new headless browser; {@code javascript} false turns scripts off, as some parents' browsers do. */
    public static ChromeDriver chromium(boolean javascript) {
        requireInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=fr-FR", "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of(
                "profile.managed_default_content_settings.javascript", javascript ? 1 : 2,
                "intl.accept_languages", "fr-FR,fr"));
        options.setExperimentalOption("excludeSwitches", List.of("enable-automation"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        return driver;
    }
}
