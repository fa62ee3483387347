package io.imprint.cli.backend;

import io.imprint.cli.demo.Demo;
import io.imprint.cli.demo.ProductFamily;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.optee.EmulatedOpteeChip;
import io.imprint.device.backend.optee.FuseMap;
import io.imprint.device.backend.optee.Libteec;
import io.imprint.device.backend.optee.OpteeDevice;
import io.imprint.device.backend.optee.OpteeMpBackend;
import io.imprint.device.backend.optee.TeecDouble;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A line of boards reached through the real OP-TEE binding ({@link OpteeMpBackend}: FFM over libteec)
 * loaded from Imprint's libteec test double — an EMULATION of OP-TEE's MP and OCOTP PTAs, built here
 * from its C source with gcc. Each chip is its own copy of the double in its own directory; chips of the
 * line share the emulated MP seed and SRK hash and sign over OP-TEE's MPMR fill, which the line's
 * policy accepts. {@link #close()} unloads every copy still loaded.
 */
public final class OpteeLine implements DeviceLine {
    private final Path library;
    private final Path referenceDir;
    private final byte[] seed = Providers.randomBytes(32);
    private final byte[] srkHash = Providers.randomBytes(32);
    private final List<OpteeDevice> opened = new CopyOnWriteArrayList<>();

    private OpteeLine(Path library, Path referenceDir) {
        this.library = library;
        this.referenceDir = referenceDir;
    }

    /**
     * Builds the double into {@code scratch/teec-double}.
     *
     * @throws IllegalStateException in one line naming the Debian packages when gcc or OpenSSL's headers are missing
     */
    public static OpteeLine create(Path scratch) {
        try {
            return new OpteeLine(TeecDouble.build(scratch.resolve("teec-double")), scratch.resolve("reference-chip"));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.CAAM_MP;
    }

    @Override
    public ProductPolicy policy() {
        return Demo.policy(Mpmr.OPTEE_FILL);
    }

    /** Enrollment as on the line: the MP key read from a reference board through the PTA (command 1). */
    @Override
    public ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy) throws Exception {
        return new ProductEnrollment(product, ProductFamily.PART_NUMBER, HexFormat.of().formatHex(srkHash),
                "Public key:\n" + referenceKey().hex(), template, policy);
    }

    /** The product's MP key as read from a reference board of the line through the PTA. */
    public MpPublicKey referenceKey() throws Exception {
        Path lib = TeecDouble.installChip(library, referenceDir, EmulatedOpteeChip.of(seed, Providers.randomBytes(8), srkHash));
        try (Libteec teec = Libteec.load(lib.toString())) {
            return new OpteeMpBackend(teec).publicKey();
        }
    }

    @Override
    public DeviceBackend genuine(Path dir) throws Exception {
        return device(dir, seed, srkHash);
    }

    @Override
    public DeviceBackend untrusted(Path dir) throws Exception {
        return device(dir, Providers.randomBytes(32), srkHash);
    }

    @Override
    public java.util.Optional<DeviceBackend> otherSrk(Path dir) throws Exception {
        return java.util.Optional.of(device(dir, seed, Providers.randomBytes(32)));
    }

    @Override
    public ProblemCode untrustedRefusal() {
        return ProblemCode.BAD_SIGNATURE;
    }

    @Override
    public String storedIn() {
        return "emulated blobs under a per-unit SOFTWARE key (OP-TEE gives Linux no blob store; docs/devices.md)";
    }

    @Override
    public String deviceFiles() {
        return "copy of the libteec test double, its chip file and its blobs; the double is built in teec-double/";
    }

    @Override
    public String referenceSource() {
        return "through OP-TEE's MP PTA";
    }

    @Override
    public String description() {
        return "i.MX boards reached through the real OP-TEE binding (FFM over libteec), loaded from Imprint's libteec"
                + " test double: an EMULATION of OP-TEE's MP and OCOTP PTAs, not a TEE";
    }

    /** A board in {@code dir/<chip id>}: its copy of the double, its chip file and its store. */
    private DeviceBackend device(Path dir, byte[] mpSeed, byte[] srk) throws Exception {
        byte[] uid = Providers.randomBytes(8);
        Path chipDir = dir.resolve(HexFormat.of().withUpperCase().formatHex(uid));
        Path lib = TeecDouble.installChip(library, chipDir, EmulatedOpteeChip.of(mpSeed, uid, srk));
        OpteeDevice device = OpteeBackend.device(Libteec.load(lib.toString()), FuseMap.IMX8M, chipDir);
        opened.add(device);
        return device;
    }

    /** Unloads every board's libteec that is still loaded. */
    @Override
    public void close() {
        for (OpteeDevice d : opened) {
            d.close();
        }
        opened.clear();
    }
}
