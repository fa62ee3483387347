package io.imprint.cli.backend;

import io.imprint.cli.demo.Demo;
import io.imprint.cli.demo.ProductFamily;
import io.imprint.device.backend.CaamMpDevice;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A line of EMULATED i.MX chips ({@link ProductFamily}): every chip shares the family's MP key and
 * SRK hash and has its own chip ID; the enrollment is the MP key read from a reference chip. An
 * untrusted chip has another MP key (another fuse seed).
 */
public final class CaamEmulatedLine implements DeviceLine {
    private final ProductFamily family = ProductFamily.random();

    /** The family the line's chips belong to (the demo's offline path reads its reference chip). */
    public ProductFamily family() {
        return family;
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.CAAM_MP;
    }

    @Override
    public ProductPolicy policy() {
        return Demo.POLICY;
    }

    @Override
    public ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy)
            throws Exception {
        return new ProductEnrollment(product, ProductFamily.PART_NUMBER, HexFormat.of().formatHex(family.srkHash()),
                "Public key:\n" + family.genuineChip().publicKey().hex(), template, policy);
    }

    @Override
    public DeviceBackend genuine(Path dir) throws Exception {
        return device(family.genuineChip(), dir);
    }

    @Override
    public DeviceBackend untrusted(Path dir) throws Exception {
        return device(family.counterfeitChip(), dir);
    }

    @Override
    public ProblemCode untrustedRefusal() {
        return ProblemCode.BAD_SIGNATURE;
    }

    @Override
    public String description() {
        return "EMULATED i.MX CAAM chips (software emulation of the CAAM, not silicon)";
    }

    private static DeviceBackend device(EmulatedCaamChip chip, Path dir) throws Exception {
        return new CaamMpDevice(chip, chip, new EmulatedCaamBlobStore(dir.resolve(chip.chipIdHex()), chip));
    }
}
