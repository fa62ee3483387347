package io.imprint.cli.backend;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedChipFile;
import java.nio.file.Path;

/**
 * {@code --backend uboot-emulated}: the emulated chip kept in a directory (made by {@code imprint
 * device chip-init}) behind an EMULATED U-Boot console on a pseudo-terminal, its MP key used only
 * through that console ({@code mw}, {@code mfgprot sign}), as a station drives a real board's U-Boot.
 * Software emulation, not a board. Secrets in emulated CAAM blobs under {@code <dir>/blobs}.
 */
public final class UbootEmulatedBackend implements BackendProvider {
    public static final String NAME = "uboot-emulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "EMULATED i.MX CAAM driven over an EMULATED U-Boot console on a pseudo-terminal (method caam-mp)";
    }

    @Override
    public DeviceBackend open(Path dir) throws Exception {
        return UbootEmulatedDevice.start(EmulatedChipFile.load(dir), dir.resolve("blobs"));
    }

    @Override
    public DeviceLine line(Path scratch) throws Exception {
        return new UbootEmulatedLine();
    }
}
