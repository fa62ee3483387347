package io.imprint.cli.backend;

import io.imprint.cli.demo.Demo;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.tpm.Swtpm;
import io.imprint.device.tpm.SwtpmVendorCa;
import io.imprint.device.tpm.Tpm2Backend;
import io.imprint.device.tpm.Tpm2Device;
import io.imprint.device.tpm.Tpm2SealedStore;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A line of EMULATED TPM 2.0 devices: each device is its own swtpm (a software TPM, not silicon),
 * manufactured by {@code swtpm_setup} with an EK certificate from the line's private vendor CA and
 * served on loopback until the line closes. Untrusted devices get their EK certificate from another
 * vendor CA. Needs swtpm, swtpm-tools and tpm2-tools; installs nothing.
 */
public final class Tpm2Line implements DeviceLine {
    private final Path scratch;
    private final SwtpmVendorCa vendor;
    private final SwtpmVendorCa otherVendor;
    private final List<Swtpm> running = new ArrayList<>();
    private int next;

    /** A line whose TPMs and vendor CAs live under {@code scratch}; fails in one line when swtpm is missing. */
    public Tpm2Line(Path scratch) throws IOException {
        Swtpm.missingTools().ifPresent(m -> {
            throw new IllegalStateException(m);
        });
        this.scratch = scratch;
        this.vendor = new SwtpmVendorCa(scratch.resolve("tpm-vendor"));
        this.otherVendor = new SwtpmVendorCa(scratch.resolve("other-tpm-vendor"));
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.TPM2;
    }

    @Override
    public ProductPolicy policy() {
        return Demo.POLICY;
    }

    /** The product accepts {@code tpm2} devices whose EK certificate chains to the line's vendor root. */
    @Override
    public synchronized ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy)
            throws Exception {
        if (!Files.exists(scratch.resolve("tpm-vendor/ca/issuercert.pem"))) {
            // swtpm_localca makes the vendor's root and issuing CA with the first TPM it certifies.
            Swtpm.manufacture(scratch.resolve("tpm-vendor-first"), vendor);
        }
        return new ProductEnrollment(product, "TPM2-SWTPM", null, null, template, policy,
                List.of(AttestationMethod.TPM2), Map.of(AttestationMethod.TPM2, vendor.trustPem()));
    }

    @Override
    public DeviceBackend genuine(Path dir) throws Exception {
        return device(dir, true);
    }

    @Override
    public DeviceBackend untrusted(Path dir) throws Exception {
        return device(dir, false);
    }

    @Override
    public ProblemCode untrustedRefusal() {
        return ProblemCode.UNTRUSTED_DEVICE;
    }

    @Override
    public String storedIn() {
        return "objects sealed to its TPM";
    }

    @Override
    public String deviceFiles() {
        return "swtpm state, EK and sealed objects";
    }

    @Override
    public String description() {
        return "EMULATED TPM 2.0 devices (swtpm software TPMs, not silicon), EK certificates from a test vendor CA";
    }

    /** Stops every swtpm the line started. */
    @Override
    public synchronized void close() {
        running.forEach(Swtpm::close);
        running.clear();
    }

    /**
     * A new swtpm, manufactured with an EK certificate from the line's vendor ({@code trusted}) or
     * from another vendor, running until the line closes; its command files live under {@code dir}.
     */
    public Tpm2Device tpm(Path dir, boolean trusted) throws IOException {
        return start(dir, trusted).device();
    }

    /** A started swtpm and the device that reaches it. */
    private record Started(Swtpm swtpm, Tpm2Device device) {
    }

    private Started start(Path dir, boolean trusted) throws IOException {
        Path state;
        synchronized (this) {
            state = scratch.resolve("tpm-" + (next++));
        }
        Swtpm.manufacture(state, trusted ? vendor : otherVendor);
        Swtpm tpm = Swtpm.start(state);
        synchronized (this) {
            running.add(tpm);
        }
        // swtpm_setup persists the RSA EK at 0x81010001.
        return new Started(tpm, new Tpm2Device(tpm.tcti(), Duration.ofSeconds(30), dir.resolve("tpm-work"),
                Tpm2Device.DEFAULT_PCRS).withPersistentEk(Tpm2Device.PERSISTENT_RSA_EK));
    }

    /** A device on its own swtpm, which stops when the device closes (or, at the latest, the line). */
    private DeviceBackend device(Path dir, boolean trusted) throws Exception {
        Started started = start(dir, trusted);
        Tpm2Device device = started.device();
        return new Tpm2Backend(device, new Tpm2SealedStore(device, dir.resolve("sealed"), ""),
                new PlatformClaims(PlatformClaims.NO_SRK_HASH, "closed"), started.swtpm());
    }
}
