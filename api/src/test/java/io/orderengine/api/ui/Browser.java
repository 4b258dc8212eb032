package io.orderengine.api.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian chromium driven by chromedriver, pointed at a running engine. The browser and the driver
 * are the system's, named explicitly so Selenium Manager never tries to download one: Debian's headless build of
 * chromium ({@code /usr/bin/chromium-headless-shell}, package {@code chromium-headless-shell}) when it is installed,
 * otherwise chromium itself in its headless mode ({@code /usr/bin/chromium}); the driver is {@code
 * /usr/bin/chromedriver}. Both come from Debian's chromium sources, same version. The headless build renders the
 * same pages without the desktop browser around them: the ten browser classes took 0.66 to 0.75x of chromium's CPU
 * with it (docs/benchmarks.md, session 20). A missing browser fails the test with the command that installs it.
 * Screenshots go to {@code target/screenshots/<test>-<page>.png}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path HEADLESS_SHELL = Path.of("/usr/bin/chromium-headless-shell");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How often a wait looks again (Selenium's default, half a second, is most of a page step's time). */
    private static final Duration POLL = Duration.ofMillis(50);

    /** The window sizes the pages are tried at, in CSS pixels: a laptop's and a phone's. */
    enum Viewport {
        DESKTOP(1366, 900),
        PHONE(390, 844);

        final int width;
        final int height;

        Viewport(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;
    private final String test;
    private Viewport viewport = Viewport.DESKTOP;

    private Browser(ChromeDriver driver, Path profile, String base, String test) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
        this.test = test;
    }

    /** Starts chromium for the engine on {@code port}; {@code test} prefixes the screenshot names. */
    static Browser start(int port, String test) {
        boolean shell = Files.isExecutable(HEADLESS_SHELL);
        if (!(shell || Files.isExecutable(CHROMIUM)) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's chromium (" + HEADLESS_SHELL + " or "
                    + CHROMIUM + ") and chromium-driver (" + CHROMEDRIVER + "). Install them with: "
                    + "apt-get update && apt-get install -y --no-install-recommends chromium-headless-shell "
                    + "chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("ui-test-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        if (shell) {
            // chromedriver drives the headless build only when asked for it by name (as "chrome" it waits for a
            // first page the headless build does not open)
            options.setBinary(HEADLESS_SHELL.toFile());
            options.setCapability("browserName", "chrome-headless-shell");
        } else {
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new");
        }
        options.addArguments(
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-extensions",
                // the omnibox's pop-ups are web pages that the new headless mode loads into a renderer of their own at
                // start (chrome://omnibox-popup.top-chrome), about 1.2 s of CPU per browser; no test types in it
                "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
                // not --single-process: it saved 0.18x of chromium's CPU (session 18), but a session failed to start
                // with it in a full run ("Unable to receive message from renderer"; docs/benchmarks.md, session 19)
                "--lang=en-US",
                "--window-size=" + Viewport.DESKTOP.width + "," + Viewport.DESKTOP.height,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile, "http://localhost:" + port, test);
    }

    WebDriver driver() {
        return driver;
    }

    /** Sizes the window like {@code viewport}; the pages are used at that size until the next call. */
    void use(Viewport viewport) {
        this.viewport = viewport;
        driver.manage().window().setSize(new Dimension(viewport.width, viewport.height));
    }

    /**
     * Makes every call to the engine's API fail as if the server could not be reached (the pages themselves still
     * load), or lets them through again.
     */
    void cutOffApi(boolean cut) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", cut ? List.of("*/api/v1/*") : List.of()));
    }

    /** The size the pages are used at now. */
    Viewport viewport() {
        return viewport;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Forgets the cart, the sign-in and the idempotency keys: a fresh visitor on the same browser. */
    void forgetVisitor() {
        open("/signin.html");
        script("localStorage.clear(); sessionStorage.clear();");
    }

    /** Waits for {@code condition}; elements the page re-renders meanwhile (stale references) are looked up again. */
    <T> T await(Function<WebDriver, T> condition) {
        return await(WAIT, condition);
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout)
                .pollingEvery(POLL)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement visible(String css) {
        return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void click(String css) {
        await(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    void type(String css, String text) {
        WebElement input = visible(css);
        input.clear();
        input.sendKeys(text);
    }

    void choose(String css, String value) {
        new Select(visible(css)).selectByValue(value);
    }

    /** The element's text, read again when the live page re-rendered the element in between. */
    String text(String css) {
        return await(driver -> find(css).getText());
    }

    /** The element's attribute, read again when the live page re-rendered the element in between. */
    String attribute(String css, String name) {
        return await(driver -> find(css).getAttribute(name));
    }

    /** Waits until the element's text contains {@code text}, then returns the whole text. */
    String awaitText(String css, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return text(css);
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** Saves a screenshot of the whole page at desktop width as {@code <test>-<page>.png}. */
    Path screenshot(String page) {
        return screenshot(page, Viewport.DESKTOP);
    }

    /** Saves a screenshot of the whole page at a phone's width (390 CSS pixels) as {@code <test>-<page>.png}. */
    Path phoneScreenshot(String page) {
        return screenshot(page, Viewport.PHONE);
    }

    /**
     * Saves a screenshot of the whole page at the width of {@code size} as {@code <test>-<page>.png}. The page is
     * captured beyond the window in one DevTools call (PNG encoded for speed), not by growing the window to the page's
     * height and back (two more layouts of the page per screenshot).
     */
    Path screenshot(String page, Viewport size) {
        boolean resize = size != viewport;
        try {
            if (resize) {
                driver.manage().window().setSize(new Dimension(size.width, size.height));
            }
            script("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
            Number width = (Number) script("return document.documentElement.clientWidth;");
            Number height = (Number)
                    script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "optimizeForSpeed",
                            true,
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of(
                                    "x", 0,
                                    "y", 0,
                                    "width", width.intValue(),
                                    "height", Math.min(6000, Math.max(size.height, height.intValue())),
                                    "scale", 1)));
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(test + "-" + page + ".png");
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (resize) {
                driver.manage().window().setSize(new Dimension(viewport.width, viewport.height));
            }
        }
    }

    /**
     * Console messages that show a broken page: uncaught script errors and Content-Security-Policy violations
     * (failed API calls are answered on the page and are not counted).
     */
    List<String> pageErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught")
                        || message.contains("Content Security Policy")
                        || message.contains("Refused to"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // the profile is in the temporary folder; the system cleans it up eventually
        }
    }
}
