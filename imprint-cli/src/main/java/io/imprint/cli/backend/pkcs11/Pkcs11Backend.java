package io.imprint.cli.backend.pkcs11;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.DeviceLine;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.pkcs11.Pkcs11DeviceConfig;
import java.nio.file.Path;

/**
 * {@code --backend pkcs11}: a secure element behind a PKCS#11 module (method {@code pkcs11-se}): its key
 * and vendor device certificate under the label {@code imprint-device} in the token that
 * {@code <dir>/pkcs11.properties} names; secrets as token objects. The demo's line emulates the parts
 * in SoftHSM2.
 */
public final class Pkcs11Backend implements BackendProvider {
    public static final String NAME = "pkcs11";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "secure element over PKCS#11 (method pkcs11-se): vendor device certificate, secrets as token objects";
    }

    @Override
    public DeviceBackend open(Path dir) throws Exception {
        return Pkcs11DeviceConfig.load(dir).open();
    }

    @Override
    public DeviceLine line(Path scratch) throws Exception {
        return new SoftHsmLine(scratch.resolve("softhsm"));
    }
}
