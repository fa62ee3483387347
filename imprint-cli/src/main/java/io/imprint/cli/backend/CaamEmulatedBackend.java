package io.imprint.cli.backend;

import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import java.nio.file.Path;

/**
 * {@code --backend caam-emulated}: an EMULATED i.MX CAAM with manufacturing protection (a software
 * emulation that matches the chip's formats byte for byte, not silicon), its state in a directory
 * made by {@code imprint device chip-init}, secrets in emulated CAAM blobs under {@code <dir>/blobs}.
 */
public final class CaamEmulatedBackend implements BackendProvider {
    public static final String NAME = "caam-emulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "EMULATED i.MX CAAM manufacturing protection (method caam-mp), secrets in emulated CAAM blobs";
    }

    @Override
    public DeviceBackend open(Path dir) throws Exception {
        EmulatedCaamChip chip = EmulatedChipFile.load(dir);
        return new CaamMpDevice(chip, chip, new EmulatedCaamBlobStore(dir.resolve("blobs"), chip));
    }

    @Override
    public DeviceLine line(Path scratch) {
        return new CaamEmulatedLine();
    }
}
