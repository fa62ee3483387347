package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.keystore.KeyStoreBackend;
import io.imprint.server.keystore.KeyStoreUris;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Opening key stores by URI and reading the small key and time values the bundle commands take. */
final class KeyStores {
    private KeyStores() {
    }

    /**
     * A {@code pkcs11:} (SoftHSM2 module by default) or {@code file:} key store, or {@code @FILE}: a
     * config file with {@code uri=} and optionally {@code module=} (picocli's own @-files are off, see
     * {@link Main}); a bad URI or file is one line that never holds the PIN.
     */
    static KeyStoreBackend open(String uri) throws IOException {
        try {
            if (uri != null && uri.startsWith("@")) {
                return KeyStoreUris.openConfig(Path.of(uri.substring(1)));
            }
            return new KeyStoreUris(KeyStoreUris.SOFTHSM2_MODULE).open(uri);
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "key store: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "cannot open key store: " + e.getMessage(), e);
        }
    }

    /** An EC P-256 public key from a PEM file ({@code BEGIN PUBLIC KEY}). */
    static ECPublicKey publicKeyPem(String what, Path file) throws IOException {
        String text = new String(Inputs.readFile(what, file), StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            if (!text.contains("BEGIN PUBLIC KEY")) {
                throw new IllegalArgumentException("no PUBLIC KEY block");
            }
            var key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return (ECPublicKey) key;
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, what + ": " + file + " is not an EC public key PEM");
        }
    }

    /** {@code 2030-01-01T00:00:00Z} or a duration from now: {@code 30d}, {@code 12h}, {@code 45m}. */
    static Instant expiry(String value, Instant now) {
        if (value.matches("\\d{1,6}[dhm]")) {
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            return now.plus(switch (value.charAt(value.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "--expires must be an ISO instant (2030-01-01T00:00:00Z) or a duration like 30d, 12h, 45m");
        }
    }

    /** Refuses to overwrite an output file. */
    static void requireAbsent(String what, Path file) {
        if (Files.exists(file)) {
            throw new ImprintException(ProblemCode.CONFLICT, what + ": " + file + " already exists");
        }
    }
}
