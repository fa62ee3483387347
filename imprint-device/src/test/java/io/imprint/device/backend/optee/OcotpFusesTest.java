package io.imprint.device.backend.optee;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.crypto.Providers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chip UID, SRK hash and lifecycle through the OCOTP PTA, against the libteec test double. */
class OcotpFusesTest {
    @TempDir Path tmp;

    @Test
    void read_imx8mChip_returnsUidSrkHashAndClosed() throws Exception {
        byte[] uid = Providers.randomBytes(8);
        byte[] srk = Providers.randomBytes(32);
        try (Libteec lib = TeecDoubles.load(tmp, EmulatedOpteeChip.of(Providers.randomBytes(32), uid, srk))) {
            OcotpFuses fuses = OcotpFuses.read(lib, FuseMap.IMX8M);

            assertThat(fuses.chipId()).isEqualTo(uid);
            assertThat(fuses.srkHash()).isEqualTo(srk);
            assertThat(fuses.lifecycle()).isEqualTo("closed");
        }
    }

    @Test
    void read_openImx7ChipWithTheOtherMap_openAndSameSrkHash() throws Exception {
        byte[] srk = Providers.randomBytes(32);
        EmulatedOpteeChip chip = new EmulatedOpteeChip(Providers.randomBytes(32), Providers.randomBytes(8), srk, false,
                FuseMap.IMX6_IMX7, "P-256", EmulatedOpteeChip.Fault.NONE);
        try (Libteec lib = TeecDoubles.load(tmp, chip)) {
            OcotpFuses fuses = OcotpFuses.read(lib, FuseMap.IMX6_IMX7);

            assertThat(fuses.srkHash()).isEqualTo(srk);
            assertThat(fuses.lifecycle()).isEqualTo("open");
            assertThat(OcotpFuses.read(lib, FuseMap.IMX8M).srkHash()).as("the i.MX8M map reads other fuses").isNotEqualTo(srk);
        }
    }
}
