package io.imprint.cli.backend;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.nio.file.Path;

/**
 * A product line of one backend: the devices a factory gets (each with its own identity, all
 * vouched for by the same trust: an MP key, a vendor root), how the OEM enrolls that trust, and
 * devices the trust does not vouch for. The demo and the backend contract suite run on it.
 */
public interface DeviceLine extends AutoCloseable {
    /** The attestation method of the line's devices. */
    AttestationMethod method();

    /** A policy the line's devices meet: software >= 1.0.0, closed, MPMR all zeros on MP chips ({@link io.imprint.cli.demo.Demo#POLICY}). */
    default ProductPolicy policy() {
        return io.imprint.cli.demo.Demo.POLICY;
    }

    /** The enrollment of {@code product} accepting this line's devices: method, trust roots, MP key. */
    ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy) throws Exception;

    /** A genuine device with a fresh identity; its state (secure store) lives under {@code dir}. */
    DeviceBackend genuine(Path dir) throws Exception;

    /**
     * A device of the same method the enrollment does not vouch for: a chip with another MP key, a
     * secure element or TPM whose certificate comes from another vendor root.
     */
    DeviceBackend untrusted(Path dir) throws Exception;

    /** What the server answers {@link #untrusted}: {@code bad-signature} (MP) or {@code untrusted-device}. */
    ProblemCode untrustedRefusal();

    /** Where a device of the line keeps its secrets, for the demo's output (e.g. "CAAM-sealed blobs"). */
    String storedIn();

    /** What each device's directory under the demo's {@code devices/} holds, for the demo's output. */
    String deviceFiles();

    /**
     * A genuine-looking device fused with another secure-boot key set (SRK hash), when the line's
     * devices carry a fused SRK hash; empty otherwise.
     */
    default java.util.Optional<DeviceBackend> otherSrk(Path dir) throws Exception {
        return java.util.Optional.empty();
    }

    /** How the demo read the product's MP key from a reference chip, e.g. "through OP-TEE's MP PTA". */
    default String referenceSource() {
        return "of " + description();
    }

    /** What the line is, for the demo's output (emulations say so). */
    String description();

    @Override
    default void close() throws Exception {
    }
}
