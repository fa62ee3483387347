package io.imprint.cli;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.CaamEmulatedBackend;
import io.imprint.cli.backend.OpteeBackend;
import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.optee.FuseMap;
import io.imprint.device.backend.optee.Libteec;
import io.imprint.device.backend.optee.OpteeDevice;
import io.imprint.device.backend.optee.OpteeMpBackend;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Path;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/**
 * The OP-TEE options of the device commands ({@code --libteec}, {@code --fuse-map}), and the MP view of
 * a device for the commands that need the MP key itself (public key, test signature, offline bundle):
 * an emulated CAAM chip kept in a directory or this board through OP-TEE.
 */
final class MpBackendOptions {
    @Option(names = "--libteec", paramLabel = "PATH",
            description = "TEE Client API library for --backend optee (default: the system's libteec.so.1, else libteec.so.2).")
    String libteec;

    @Option(names = "--fuse-map",
            description = "Where --backend optee reads the SRK hash and the closed bit: imx8m (default) or imx6-imx7.")
    String fuseMap;

    /** {@code selected}, configured with these options when it is {@code optee}; refused otherwise if they are given. */
    BackendProvider resolve(BackendProvider selected) {
        if (!OpteeBackend.NAME.equals(selected.name())) {
            if (libteec != null || fuseMap != null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--libteec and --fuse-map need --backend optee");
            }
            return selected;
        }
        try {
            return new OpteeBackend(libteec, fuseMap == null ? FuseMap.IMX8M : FuseMap.of(fuseMap));
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--fuse-map: " + e.getMessage());
        }
    }

    /** Runs {@code call} with the MP key alone: the emulated chip in {@code dir}, or this board's through OP-TEE. */
    <T> T withMp(BackendProvider selected, Path dir, MpCall<T> call) throws Exception {
        BackendProvider backend = resolve(selected);
        if (OpteeBackend.NAME.equals(backend.name())) {
            try (Libteec lib = Libteec.load(libteec)) {
                return call.run(new OpteeMpBackend(lib));
            }
        }
        requireMp(backend);
        return call.run(EmulatedChipFile.load(dir));
    }

    /** The MP key, fuses and secret store of the device kept in {@code dir}; closing releases libteec. */
    MpDevice openMp(BackendProvider selected, Path dir) throws Exception {
        BackendProvider backend = resolve(selected);
        if (OpteeBackend.NAME.equals(backend.name())) {
            OpteeDevice d = (OpteeDevice) backend.open(dir);
            return new MpDevice(d.mp(), d.fuses(), d.store(), d::close);
        }
        requireMp(backend);
        EmulatedCaamChip chip = EmulatedChipFile.load(dir);
        return new MpDevice(chip, chip, new EmulatedCaamBlobStore(dir.resolve("blobs"), chip), () -> { });
    }

    private static void requireMp(BackendProvider backend) {
        if (!CaamEmulatedBackend.NAME.equals(backend.name())) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "this command needs an MP backend ("
                    + CaamEmulatedBackend.NAME + " or " + OpteeBackend.NAME + "), not " + backend.name());
        }
    }

    /** Something done with an MP key. */
    @FunctionalInterface
    interface MpCall<T> {
        T run(MpBackend mp) throws Exception;
    }

    /** An MP device's parts. */
    record MpDevice(MpBackend mp, ChipFuses fuses, SecureStore store, AutoCloseable resource) implements AutoCloseable {
        String chipIdHex() {
            return HexFormat.of().withUpperCase().formatHex(fuses.chipId());
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
