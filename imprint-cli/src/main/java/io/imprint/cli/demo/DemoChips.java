package io.imprint.cli.demo;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.nio.file.Path;

/** Where the demo's devices come from: emulated CAAM chips, or emulated chips behind the libteec test double. */
public interface DemoChips {
    /** A genuine chip of the product line with a fresh unique ID, its state under {@code devicesDir}. */
    DemoUnit genuine(Path devicesDir) throws Exception;

    /** A chip whose MP key is not the product's (same part number and SRK hash). */
    DemoUnit counterfeit(Path devicesDir) throws Exception;

    /** A genuine-looking chip fused with another SRK hash. */
    DemoUnit otherSrk(Path devicesDir) throws Exception;

    /** The MPMR the line's chips sign over, which the product's policy must accept. */
    Mpmr mpmr();

    /** The SRK hash fused into the line's chips (enrolled with the product). */
    byte[] srkHash();

    /** What the devices are, for the demo's first line. */
    String what();

    /** The product's MP key as read from a reference chip of the line. */
    MpPublicKey referenceKey() throws Exception;
}
