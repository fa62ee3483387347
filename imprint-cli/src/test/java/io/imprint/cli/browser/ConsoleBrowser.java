package io.imprint.cli.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its chromedriver, that presents operator client
 * certificates over mTLS like a user's browser with the operator's {@code .p12} imported.
 *
 * <p>Everything is private to one test directory, nothing on the machine changes: the certificates sit
 * in an NSS database under a private {@code HOME} (imported from the {@code .p12} files with
 * {@code pk12util}), and a fresh profile carries the content setting behind Chromium's
 * {@code AutoSelectCertificateForUrls} policy ({@code auto_select_certificate}), one entry per origin
 * naming the operator (certificate CN) to present there. Without it a headless Chromium waits forever on
 * the certificate chooser it cannot show. Chromium caches the certificate chosen per host and port, so
 * each operator gets its own origin (an admin listener port). The server's certificate is accepted by
 * its public key's SHA-256 only ({@code --ignore-certificate-errors-spki-list}), the browser's
 * equivalent of {@code --server-fingerprint}.
 */
final class ConsoleBrowser implements AutoCloseable {
    /** Where screenshots go: a test artifact of the module's build. */
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;
    private static final int MAX_HEIGHT = 4000;
    private static final int WAIT_SECONDS = 20;
    private static final Pattern DRIVER_ERROR = Pattern.compile("net::(ERR_[A-Z_]+)");
    private static final Pattern ERROR_PAGE =
            Pattern.compile("\"errorCode\":\"(ERR_[A-Z_]+)\"");
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private ConsoleBrowser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts a browser working in {@code dir} (which must be new or empty) holding every operator's
     * certificate, presenting at each origin of {@code operatorByOrigin} (e.g. {@code https://127.0.0.1:8444})
     * the certificate of the operator named; {@code server} is the certificate the listeners serve.
     */
    static ConsoleBrowser start(Path dir, X509Certificate server, List<BrowserOperator> operators,
                                Map<URI, String> operatorByOrigin) throws Exception {
        return start(dir, server, (home, nss) -> {
            for (BrowserOperator operator : operators) {
                nss.importP12(operator.p12(), operator.passwordFile());
            }
        }, operatorByOrigin);
    }

    /** How certificates get into the browser's NSS database, under its private {@code HOME}. */
    @FunctionalInterface
    interface CertificateImport {
        void into(Path home, NssDatabase nss) throws Exception;
    }

    /** As above, the certificates imported by {@code imports} (e.g. a command line as a user runs it). */
    static ConsoleBrowser start(Path dir, X509Certificate server, CertificateImport imports,
                                Map<URI, String> operatorByOrigin) throws Exception {
        SystemBrowser.requireInstalled();
        Path home = Files.createDirectories(dir.resolve("home"));
        imports.into(home, NssDatabase.create(home));
        Path profile = Files.createDirectories(dir.resolve("profile"));
        writePreferences(profile, operatorByOrigin);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(SystemBrowser.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--no-default-browser-check", "--lang=en-US",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile,
                "--ignore-certificate-errors-spki-list=" + spkiSha256(server));
        // Driver and browser are both given: Selenium Manager has nothing to look up or download.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(SystemBrowser.CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("HOME", home.toString())).withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        service.start();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new ConsoleBrowser(service, driver);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads {@code uri} and returns the page's visible text. */
    String open(URI uri) {
        driver.get(uri.toString());
        return text();
    }

    /**
     * Loads {@code uri} expecting the connection to fail and returns Chromium's network error code
     * ({@code ERR_...}), from the error chromedriver raises or the error page Chromium shows instead (it
     * does either); the page's source when neither names one.
     */
    String openRefused(URI uri) {
        String report;
        Pattern where;
        try {
            driver.get(uri.toString());
            report = driver.getPageSource();
            where = ERROR_PAGE;
        } catch (WebDriverException e) {
            report = String.valueOf(e.getMessage());
            where = DRIVER_ERROR;
        }
        Matcher code = where.matcher(report);
        return code.find() ? code.group(1) : report;
    }

    /**
     * Waits, at most {@value #WAIT_SECONDS} s, until {@code condition} gives a value other than null or
     * false (a bounded wait for what the page shows, not a timing assertion).
     */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(WAIT_SECONDS), Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The element with id {@code id} once it is on the page. */
    WebElement await(String id) {
        return await(d -> d.findElement(By.id(id)));
    }

    /**
     * POSTs a form field from the current page's script (same origin, as a form of the page would) to
     * {@code path} and returns the HTTP status.
     */
    int postForm(String path, String field, String value) {
        Object status = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                + " body: encodeURIComponent(arguments[1]) + '=' + encodeURIComponent(arguments[2])})"
                + ".then(r => done(r.status), e => done(-1));", path, field, value);
        return ((Number) status).intValue();
    }

    /** Marks the current document, so {@link #sameDocument} can tell it was not reloaded. */
    void markDocument() {
        driver.executeScript("window.imprintTestMark = 'unchanged';");
    }

    /** True while the document marked by {@link #markDocument} is still the one shown (no reload, no navigation). */
    boolean sameDocument() {
        return "unchanged".equals(driver.executeScript("return window.imprintTestMark;"));
    }

    /** The visible text of the current page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Saves the whole current page (beyond the window, at most {@value #MAX_HEIGHT} pixels high) as
     * {@code target/console-screenshots/<name>.png} and returns the file.
     */
    Path screenshot(String name) throws IOException {
        Object height = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollHeight, window.innerHeight);");
        int h = Math.min(MAX_HEIGHT, ((Number) height).intValue());
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", WIDTH, "height", h, "scale", 1)));
        Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /** The profile's Preferences: per origin, pick the client certificate whose subject CN is the operator's name. */
    private static void writePreferences(Path profile, Map<URI, String> operatorByOrigin) throws IOException {
        Map<String, Object> exceptions = new LinkedHashMap<>();
        operatorByOrigin.forEach((origin, name) -> exceptions.put(origin + ",*",
                Map.of("setting", Map.of("filters", List.of(Map.of("SUBJECT", Map.of("CN", name)))))));
        Map<String, Object> preferences = Map.of("profile",
                Map.of("content_settings", Map.of("exceptions", Map.of("auto_select_certificate", exceptions))));
        Path defaultProfile = Files.createDirectories(profile.resolve("Default"));
        new ObjectMapper().writeValue(defaultProfile.resolve("Preferences").toFile(), preferences);
    }

    /** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
    static String spkiSha256(X509Certificate certificate) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    }
}
