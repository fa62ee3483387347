package io.imprint.cli.backend;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.tpm.Tpm2Backend;
import io.imprint.device.tpm.Tpm2Device;
import io.imprint.device.tpm.Tpm2SealedStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * {@code --backend tpm2}: a TPM 2.0 through tpm2-tools (method {@code tpm2}). The device directory
 * may hold {@code tpm2.properties}: {@code tcti} (default {@code device:/dev/tpmrm0}), {@code quote-pcrs}
 * (default {@value Tpm2Device#DEFAULT_PCRS}), {@code ek-handle} (a persistent EK such as
 * {@code 0x81010001}; default: created from the RSA template each time), {@code seal-pcrs} (PCRs the secure store seals to, default
 * none), {@code srk-hash} (64 hex, the board's secure-boot key hash; default zeros) and
 * {@code lifecycle} (default {@code closed}). Secrets are sealed to the TPM under {@code <dir>/sealed}.
 */
public final class Tpm2BackendProvider implements BackendProvider {
    public static final String NAME = "tpm2";
    static final String CONFIG = "tpm2.properties";
    private static final List<String> KEYS = List.of("tcti", "ek-handle", "quote-pcrs", "seal-pcrs", "srk-hash",
            "lifecycle");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "TPM 2.0 via tpm2-tools (method tpm2): EK certificate, AK bound by credential activation, "
                + "secrets sealed to the TPM";
    }

    @Override
    public DeviceBackend open(Path dir) throws IOException {
        Properties p = new Properties();
        Path config = dir.resolve(CONFIG);
        if (Files.exists(config)) {
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(config + ": unknown key '" + key.replaceAll("[^\\x20-\\x7E]", "?")
                        + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Tpm2Device tpm = new Tpm2Device(value(p, "tcti", "device:/dev/tpmrm0"), Duration.ofSeconds(30),
                dir.resolve("tpm-work"), value(p, "quote-pcrs", Tpm2Device.DEFAULT_PCRS));
        String ekHandle = value(p, "ek-handle", "");
        if (!ekHandle.isEmpty()) {
            if (!ekHandle.matches("0x81[0-9a-fA-F]{6}")) {
                throw new IllegalArgumentException(config + ": ek-handle must be a persistent handle such as 0x81010001");
            }
            tpm = tpm.withPersistentEk(Integer.parseUnsignedInt(ekHandle.substring(2), 16));
        }
        String srk = value(p, "srk-hash", "");
        if (!srk.isEmpty() && !srk.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(config + ": srk-hash must be 64 hex characters");
        }
        byte[] srkHash = srk.isEmpty() ? PlatformClaims.NO_SRK_HASH : HexFormat.of().parseHex(srk);
        return new Tpm2Backend(tpm, new Tpm2SealedStore(tpm, dir.resolve("sealed"), value(p, "seal-pcrs", "")),
                new PlatformClaims(srkHash, value(p, "lifecycle", "closed")));
    }

    private static String value(Properties p, String key, String fallback) {
        return p.getProperty(key, fallback).strip();
    }

    @Override
    public DeviceLine line(Path scratch) throws IOException {
        return new Tpm2Line(scratch);
    }
}
