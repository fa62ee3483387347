package io.imprint.cli.demo;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.admin.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

/**
 * The demo's oem-admin operator credential, issued from the data directory's operator CA exactly as
 * {@code imprint admin issue-cert} does ({@link OperatorCa#issue}, {@code OperatorCredential#write}):
 * {@code operators/demo-admin.crt}, {@code .key} (600) and {@code .p12} (600), whose password goes to
 * {@code demo-admin.p12.password} (600) instead of the terminal.
 */
final class DemoOperator {
    static final String NAME = "demo-admin";
    private static final Duration VALIDITY = Duration.ofDays(7);

    private DemoOperator() {
    }

    /** Issues the credential into {@code dataDir/operators} and returns its prefix (for {@code --operator}). */
    static Path issue(Path dataDir) throws IOException, GeneralSecurityException {
        Path dir = Files.createDirectories(dataDir.toAbsolutePath().resolve("operators"));
        Path prefix = dir.resolve(NAME);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(Providers.randomBytes(15));
        Files.writeString(Files.createFile(passwordFile(prefix),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                password + "\n", StandardCharsets.US_ASCII);
        OperatorCa.loadOrCreate(dataDir).issue(new Operator(NAME, Role.OEM_ADMIN, null), VALIDITY)
                .write(prefix, password.toCharArray());
        return prefix;
    }

    /** The credential's PKCS#12 file, for a browser. */
    static Path p12(Path prefix) {
        return Path.of(prefix + ".p12");
    }

    /** The file (600) holding the PKCS#12 password; the password itself is never printed. */
    static Path passwordFile(Path prefix) {
        return Path.of(prefix + ".p12.password");
    }
}
