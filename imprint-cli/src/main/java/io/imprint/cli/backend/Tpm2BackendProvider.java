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
        Tpm2Device tpm = new Tpm2Device(p.getProperty("tcti", "device:/dev/tpmrm0"), Duration.ofSeconds(30),
                dir.resolve("tpm-work"), p.getProperty("quote-pcrs", Tpm2Device.DEFAULT_PCRS));
        String ekHandle = p.getProperty("ek-handle", "");
        if (!ekHandle.isEmpty()) {
            tpm = tpm.withPersistentEk(Integer.parseUnsignedInt(ekHandle.replaceFirst("^0x", ""), 16));
        }
        String srk = p.getProperty("srk-hash", "");
        byte[] srkHash = srk.isEmpty() ? PlatformClaims.NO_SRK_HASH : HexFormat.of().parseHex(srk);
        return new Tpm2Backend(tpm, new Tpm2SealedStore(tpm, dir.resolve("sealed"), p.getProperty("seal-pcrs", "")),
                new PlatformClaims(srkHash, p.getProperty("lifecycle", "closed")));
    }

    @Override
    public DeviceLine line(Path scratch) throws IOException {
        return new Tpm2Line(scratch);
    }
}
