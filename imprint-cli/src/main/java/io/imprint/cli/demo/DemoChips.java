package io.imprint.cli.demo;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.nio.file.Path;

/** Where the demo's devices come from: emulated CAAM chips, or emulated chips behind the libteec test double. */
public interface DemoChips extends AutoCloseable {
    /** A genuine chip of the product line with a fresh unique ID, its state under {@code devicesDir}. */
    DeviceBackend genuine(Path devicesDir) throws Exception;

    /** A chip whose MP key is not the product's (same part number and SRK hash). */
    DeviceBackend counterfeit(Path devicesDir) throws Exception;

    /** A genuine-looking chip fused with another SRK hash. */
    DeviceBackend otherSrk(Path devicesDir) throws Exception;

    /** The MPMR the line's chips sign over, which the product's policy must accept. */
    Mpmr mpmr();

    /** The SRK hash fused into the line's chips (enrolled with the product). */
    byte[] srkHash();

    /** What the devices are, for the demo's first line. */
    String what();

    /** The product's MP key as read from a reference chip of the line. */
    MpPublicKey referenceKey() throws Exception;

    /** Releases what the chips loaded (libteec copies); nothing for emulated CAAM chips. */
    @Override
    default void close() {
    }

    /** Makes the demo's chips, their state under the demo's data directory. */
    @FunctionalInterface
    interface Factory {
        DemoChips create(Path dataDir) throws Exception;
    }
}
