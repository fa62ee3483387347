package io.imprint.cli.browser;

import io.imprint.cli.Main;
import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An operator as a browser user holds it: the {@code .p12} that {@code imprint admin issue-cert} wrote
 * and its password in a file (mode 600) beside it. {@code name} is the certificate's CN.
 */
record BrowserOperator(String name, Path p12, Path passwordFile) {

    /**
     * Runs {@code imprint admin issue-cert} on {@code dataDir} for {@code name} with {@code role} (and
     * {@code cm} for a cm-operator, else null), writing into {@code dir}.
     */
    static BrowserOperator issue(Path dataDir, Path dir, String name, String role, String cm) throws IOException {
        Files.createDirectories(dir);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(Providers.randomBytes(15));
        Path passwordFile = Files.createFile(dir.resolve(name + ".p12.password"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(passwordFile, password + "\n", StandardCharsets.US_ASCII);
        List<String> args = new ArrayList<>(List.of("admin", "issue-cert", "--data-dir", dataDir.toString(), "--name",
                name, "--role", role, "--out", dir.resolve(name).toString(), "--p12-password", password, "--days", "2"));
        if (cm != null) {
            args.addAll(List.of("--cm", cm));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("issue-cert " + name + " failed: " + err.toString().strip());
        }
        return new BrowserOperator(name, dir.resolve(name + ".p12"), passwordFile);
    }
}
