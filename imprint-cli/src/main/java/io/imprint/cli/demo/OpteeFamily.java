package io.imprint.cli.demo;

import io.imprint.device.backend.optee.EmulatedOpteeChip;
import io.imprint.device.backend.optee.FuseMap;
import io.imprint.device.backend.optee.Libteec;
import io.imprint.device.backend.optee.OcotpFuses;
import io.imprint.device.backend.optee.OpteeMpBackend;
import io.imprint.device.backend.optee.TeecDouble;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A product line of boards whose MP key the demo reaches through the real OP-TEE binding
 * ({@link OpteeMpBackend}, FFM over libteec) loaded from Imprint's libteec test double: an
 * EMULATION of OP-TEE's MP and OCOTP PTAs, built here from its C source with gcc. Each chip is its own
 * copy of the double in its own directory; chips of the line share the emulated MP seed.
 */
final class OpteeFamily implements DemoChips {
    private final Path library;
    private final byte[] seed;
    private final byte[] srkHash;
    private final Path referenceDir;

    private OpteeFamily(Path library, byte[] seed, byte[] srkHash, Path referenceDir) {
        this.library = library;
        this.seed = seed;
        this.srkHash = srkHash;
        this.referenceDir = referenceDir;
    }

    /** Builds the double into {@code dataDir/teec-double} (one line naming the packages when gcc or OpenSSL is missing). */
    static OpteeFamily create(Path dataDir) throws Exception {
        Path lib = TeecDouble.build(dataDir.resolve("teec-double"));
        return new OpteeFamily(lib, Providers.randomBytes(32), Providers.randomBytes(32), dataDir.resolve("reference-chip"));
    }

    @Override
    public DemoUnit genuine(Path devicesDir) throws Exception {
        return unit(devicesDir, seed, srkHash);
    }

    @Override
    public DemoUnit counterfeit(Path devicesDir) throws Exception {
        return unit(devicesDir, Providers.randomBytes(32), srkHash);
    }

    @Override
    public DemoUnit otherSrk(Path devicesDir) throws Exception {
        return unit(devicesDir, seed, Providers.randomBytes(32));
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }

    @Override
    public Mpmr mpmr() {
        return Mpmr.OPTEE_FILL;
    }

    @Override
    public String what() {
        return "i.MX boards reached through the real OP-TEE binding (FFM over libteec), loaded from Imprint's libteec"
                + " test double: an EMULATION of OP-TEE's MP and OCOTP PTAs, not a TEE";
    }

    /** Enrollment as on the line: the key read from a reference board through the PTA (command 1). */
    @Override
    public MpPublicKey referenceKey() throws Exception {
        Path lib = TeecDouble.installChip(library, referenceDir, EmulatedOpteeChip.of(seed, Providers.randomBytes(8), srkHash));
        try (Libteec teec = Libteec.load(lib.toString())) {
            return new OpteeMpBackend(teec).publicKey();
        }
    }

    private DemoUnit unit(Path devicesDir, byte[] mpSeed, byte[] srk) throws Exception {
        byte[] uid = Providers.randomBytes(8);
        Path dir = devicesDir.resolve(HexFormat.of().withUpperCase().formatHex(uid));
        Libteec teec = Libteec.load(TeecDouble.installChip(library, dir, EmulatedOpteeChip.of(mpSeed, uid, srk)).toString());
        try {
            OcotpFuses fuses = OcotpFuses.read(teec, FuseMap.IMX8M);
            EmulatedCaamBlobStore store = EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), dir.resolve("blob-key"),
                    HexFormat.of().withUpperCase().formatHex(uid));
            return new DemoUnit(new OpteeMpBackend(teec), fuses, store, teec::close);
        } catch (Exception e) {
            teec.close();
            throw e;
        }
    }
}
