package io.imprint.cli.backend;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.optee.FuseMap;
import io.imprint.device.backend.optee.Libteec;
import io.imprint.device.backend.optee.OpteeDevice;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * {@code --backend optee}: this i.MX board's MP key and fuses through OP-TEE's MP and OCOTP PTAs,
 * called through {@code libteec} with the FFM API (method caam-mp). OP-TEE gives Linux no blob store,
 * so secrets go into the emulated CAAM blob format under a SOFTWARE key file {@code <dir>/blob-key}
 * (not hardware-bound; docs/devices.md). The demo's line loads Imprint's libteec test double.
 */
public final class OpteeBackend implements BackendProvider {
    public static final String NAME = "optee";
    private final String libteec;
    private final FuseMap fuseMap;

    /** The system's libteec ({@code libteec.so.1}, else {@code .so.2}) and the i.MX8M fuse map. */
    public OpteeBackend() {
        this(null, FuseMap.IMX8M);
    }

    /** {@code libteec}: a path or library name, null for the system's. */
    public OpteeBackend(String libteec, FuseMap fuseMap) {
        this.libteec = libteec;
        this.fuseMap = fuseMap;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "i.MX MP key and fuses through OP-TEE's PTAs via libteec (method caam-mp), secrets under a software key";
    }

    @Override
    public DeviceBackend open(Path dir) throws Exception {
        return device(Libteec.load(libteec), fuseMap, dir);
    }

    /** The board behind {@code lib}, its state (blob store, software blob key) in {@code dir}; owns {@code lib}. */
    static OpteeDevice device(Libteec lib, FuseMap map, Path dir) throws Exception {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            lib.close();
            throw e;
        }
        return OpteeDevice.open(lib, map, chipId -> EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"),
                dir.resolve("blob-key"), HexFormat.of().withUpperCase().formatHex(chipId)));
    }

    /** The demo's line: emulated chips behind Imprint's libteec test double, built under {@code scratch}. */
    @Override
    public DeviceLine line(Path scratch) {
        return OpteeLine.create(scratch);
    }
}
