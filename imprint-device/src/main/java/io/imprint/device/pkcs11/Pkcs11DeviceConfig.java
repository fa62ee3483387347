package io.imprint.device.pkcs11;

import io.imprint.device.backend.PlatformClaims;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Where a device's secure element is: {@code <dir>/pkcs11.properties} with {@code module} (the
 * PKCS#11 library), {@code token} (the token label), {@code pin-file} (a file holding the user PIN,
 * relative to the directory), and optionally {@code srk-hash} (64 hex, the board's secure-boot key
 * hash) and {@code lifecycle} ({@code closed} by default).
 */
public record Pkcs11DeviceConfig(Path module, String token, Path pinFile, PlatformClaims claims) {
    public static final String FILE = "pkcs11.properties";
    private static final int MAX_BYTES = 4096;

    /** Reads the configuration in {@code dir}; a missing or bad file is an IOException naming it. */
    public static Pkcs11DeviceConfig load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file (the secure element's module, token and pin-file)");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String module = required(p, "module", file);
        String token = required(p, "token", file);
        String pin = required(p, "pin-file", file);
        String srk = p.getProperty("srk-hash");
        if (srk != null && !srk.matches("[0-9a-fA-F]{64}")) {
            throw new IOException(file + ": srk-hash must be 64 hex characters");
        }
        PlatformClaims claims = new PlatformClaims(srk == null ? PlatformClaims.NO_SRK_HASH : HexFormat.of().parseHex(srk),
                p.getProperty("lifecycle", "closed"));
        return new Pkcs11DeviceConfig(Path.of(module), token, dir.resolve(pin), claims);
    }

    /** Writes a configuration (the PIN file is written beside it, owner-only). */
    public static void write(Path dir, Path module, String token, char[] pin) throws IOException {
        Files.createDirectories(dir);
        Path pinFile = dir.resolve("token.pin");
        Files.deleteIfExists(pinFile);
        Files.createFile(pinFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        byte[] bytes = new String(pin).getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(pinFile, bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        Files.writeString(dir.resolve(FILE), "module=" + module + "\ntoken=" + token + "\npin-file=token.pin\n");
    }

    /** Logs in to the token and opens its secure element. */
    public Pkcs11SecureElement open() throws IOException, GeneralSecurityException {
        byte[] raw = Files.readAllBytes(pinFile);
        char[] pin = new String(raw, StandardCharsets.UTF_8).strip().toCharArray();
        Arrays.fill(raw, (byte) 0);
        try {
            Pkcs11Token t = Pkcs11Token.open(module, token, pin);
            try {
                return new Pkcs11SecureElement(t, claims);
            } catch (GeneralSecurityException | RuntimeException e) {
                t.close();
                throw e;
            }
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static String required(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IOException(file + ": '" + key + "' is missing");
        }
        return v.strip();
    }
}
