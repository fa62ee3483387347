package io.imprint.cli.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Debian programs the browser tests run: {@code chromium}, its {@code chromedriver}
 * ({@code chromium-driver}) and NSS's {@code certutil} / {@code pk12util} ({@code libnss3-tools}).
 * {@code ./test} installs them when missing (scripts/test-deps.sh); a test run without them fails with
 * one line naming what is missing, never skips.
 */
final class SystemBrowser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    static final Path PK12UTIL = Path.of("/usr/bin/pk12util");

    /** A program at {@code path}, installed by the Debian package {@code debianPackage}. */
    record Program(Path path, String debianPackage) {
    }

    static final List<Program> PROGRAMS = List.of(new Program(CHROMIUM, "chromium"),
            new Program(CHROMEDRIVER, "chromium-driver"), new Program(CERTUTIL, "libnss3-tools"),
            new Program(PK12UTIL, "libnss3-tools"));

    private SystemBrowser() {
    }

    /** Throws {@link IllegalStateException} with one line when a program is missing. */
    static void requireInstalled() {
        requireInstalled(PROGRAMS);
    }

    static void requireInstalled(List<Program> programs) {
        for (Program p : programs) {
            if (!Files.isExecutable(p.path())) {
                throw new IllegalStateException("browser tests need " + p.path() + " (Debian package "
                        + p.debianPackage() + "; ./test installs it, or: apt-get install chromium chromium-driver"
                        + " libnss3-tools)");
            }
        }
    }
}
