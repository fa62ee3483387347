package io.imprint.device.backend.optee;

import io.imprint.protocol.crypto.Providers;
import java.nio.file.Path;

/** Builds the libteec test double once into target/ and installs emulated chips for tests. */
final class TeecDoubles {
    private static Path built;

    private TeecDoubles() {
    }

    static synchronized Path library() throws Exception {
        if (built == null) {
            built = TeecDouble.build(Path.of("target", "teec-double").toAbsolutePath());
        }
        return built;
    }

    /** A closed P-256 i.MX8M chip with a fresh UID. */
    static EmulatedOpteeChip chip(byte[] seed, byte[] srkHash) {
        return EmulatedOpteeChip.of(seed, Providers.randomBytes(8), srkHash);
    }

    /** Installs {@code chip} in {@code dir} and loads its library. */
    static Libteec load(Path dir, EmulatedOpteeChip chip) throws Exception {
        return Libteec.load(TeecDouble.installChip(library(), dir, chip).toString());
    }
}
