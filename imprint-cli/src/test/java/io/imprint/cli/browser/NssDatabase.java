package io.imprint.cli.browser;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private NSS certificate database, {@code <home>/.pki/nssdb}: where Chromium on Linux finds the
 * client certificates it may present when it runs with {@code HOME=<home>}. Made and filled with
 * NSS's own tools, as a user would import an operator's {@code .p12}; never the user's real database.
 */
final class NssDatabase {
    private final Path dir;

    private NssDatabase(Path dir) {
        this.dir = dir;
    }

    /** Creates an empty database (no password) under {@code home}. */
    static NssDatabase create(Path home) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(home.resolve(".pki/nssdb"));
        NssDatabase db = new NssDatabase(dir);
        db.run(SystemBrowser.CERTUTIL.toString(), "-N", "-d", db.sqlDir(), "--empty-password");
        return db;
    }

    /** Imports a PKCS#12 file whose password is the first line of {@code passwordFile} (never on a command line). */
    void importP12(Path p12, Path passwordFile) throws IOException, InterruptedException {
        run(SystemBrowser.PK12UTIL.toString(), "-i", p12.toString(), "-d", sqlDir(), "-w", passwordFile.toString());
    }

    /** The nicknames and trust of the certificates held (certutil -L). */
    String list() throws IOException, InterruptedException {
        return run(SystemBrowser.CERTUTIL.toString(), "-L", "-d", sqlDir());
    }

    private String sqlDir() {
        return "sql:" + dir;
    }

    private String run(String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile(dir.getParent(), "nss", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command[0] + " did not finish");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
