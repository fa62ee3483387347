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

    /** What the line's devices run and claim, for the product's policy (MPMR all zeros on MP chips). */
    ProductPolicy policy();

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

    /** What the line is, for the demo's output (emulations say so). */
    String description();

    @Override
    default void close() throws Exception {
    }
}
