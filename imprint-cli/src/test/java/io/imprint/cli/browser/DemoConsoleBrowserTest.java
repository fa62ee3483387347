package io.imprint.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.cli.Main;
import io.imprint.cli.RunningDemo;
import io.imprint.server.issuance.PemFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new user's path: {@code imprint demo --keep-running}, the printed command imports the printed
 * {@code .p12} into Chromium's certificate database, and the printed console URL shows the demo's
 * production, the refused attacks and, once the printed offline path ran, its bundle and receipt import.
 */
class DemoConsoleBrowserTest {
    private static final int DEVICES = 3;
    @TempDir Path dir;

    @Test
    void demoKeepRunning_printedImportAndUrl_showTheDemoProductionInTheConsole() throws Exception {
        SystemBrowser.requireInstalled();
        try (RunningDemo demo = RunningDemo.start(dir.resolve("demo.log"), DEVICES)) {
            URI console = URI.create(demo.find("Operator console \\(in a browser[^)]*\\): (https://\\S+)"));
            String importLine = demo.find("\\n    (pk12util -i [^\\n]+)\\n");
            var server = PemFiles.certificate(Files.readString(demo.dataDir().resolve("tls/server.cert.pem")));
            URI origin = URI.create(console.getScheme() + "://" + console.getAuthority());

            try (ConsoleBrowser browser = ConsoleBrowser.start(dir.resolve("browser"), server,
                    (home, nss) -> runAsPrinted(importLine, home), Map.of(origin, "demo-admin"))) {
                browser.open(console);
                WebElement progress = new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d ->
                        d.findElement(By.cssSelector("tr[data-order='PO-DEMO-001'] [data-testid=order-progress]")));
                assertThat(browser.driver().getCurrentUrl()).isEqualTo(origin.resolve("/console/orders").toString());
                assertThat(progress.getDomAttribute("data-provisioned")).isEqualTo(Integer.toString(DEVICES));
                assertThat(browser.driver().findElement(By.id("operator")).getDomAttribute("data-role"))
                        .isEqualTo("oem-admin");
                browser.screenshot("demo-orders");

                browser.open(origin.resolve("/console/alerts"));
                assertThat(browser.driver().findElements(By.cssSelector("#alert-feed tr[data-testid=alert-row]")))
                        .extracting(row -> row.getDomAttribute("data-outcome"))
                        .contains("serial-in-use", "quota-exhausted", "nonce-used", "bad-signature");
                browser.screenshot("demo-alerts");

                runOfflinePath(demo);
                browser.open(origin.resolve("/console/offline"));
                List<WebElement> bundles = browser.driver().findElements(By.cssSelector("tr[data-testid=bundle-row]"));
                assertThat(bundles).hasSize(1);
                assertThat(bundles.get(0).getText()).as("built and expiry times are this year's")
                        .contains("PO-DEMO-OFFLINE", Year.now(ZoneOffset.UTC) + "-").doesNotContain("1970-");
                assertThat(browser.driver().findElements(By.cssSelector("tr[data-testid=verdict-row]"))).isNotEmpty();
                browser.screenshot("demo-offline");
            }
        }
    }

    /** Runs the printed offline path (bundle build, device apply-bundle, receipts import) beside the running server. */
    private static void runOfflinePath(RunningDemo demo) {
        for (List<String> command : demo.nextCommands()) {
            String verb = String.join(" ", command.subList(0, 2));
            if (List.of("bundle build", "device apply-bundle", "receipts import").contains(verb)) {
                StringWriter err = new StringWriter();
                int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                        command.toArray(String[]::new));
                assertThat(code).as(verb + ": " + err).isZero();
            }
        }
    }

    /** Runs the demo's printed import line in a shell, {@code $HOME} being the browser's private home. */
    private static void runAsPrinted(String line, Path home) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true)
                .redirectOutput(home.resolve("import.log").toFile());
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(line + ": " + Files.readString(home.resolve("import.log"))).isZero();
    }
}
