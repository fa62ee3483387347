package io.imprint.cli;

import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.optee.FuseMap;
import io.imprint.device.backend.optee.Libteec;
import io.imprint.device.backend.optee.OcotpFuses;
import io.imprint.device.backend.optee.OpteeMpBackend;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Path;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/**
 * The device commands' choice of hardware: {@code --backend emulated} (an EMULATED i.MX chip kept in
 * {@code --dir}) or {@code --backend optee} (the board's MP key and fuses through OP-TEE's libteec).
 */
final class DeviceBackendOptions {
    static final String EMULATED = "emulated";
    static final String OPTEE = "optee";

    @Option(names = "--backend", defaultValue = EMULATED,
            description = "emulated: an EMULATED i.MX chip kept in --dir; optee: this board's MP key and fuses through"
                    + " OP-TEE's PTAs via libteec (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--libteec", paramLabel = "PATH",
            description = "TEE Client API library for --backend optee (default: the system's libteec.so.1, else libteec.so.2).")
    String libteec;

    @Option(names = "--fuse-map", defaultValue = "imx8m",
            description = "Where --backend optee reads the SRK hash and the closed bit: imx8m or imx6-imx7 (default: ${DEFAULT-VALUE}).")
    String fuseMap;

    /** The device's MP key, fuses and secret store; {@code dir} holds the device's state. */
    Device open(Path dir) throws Exception {
        if (!OPTEE.equals(backend)) {
            checkEmulated();
            EmulatedCaamChip chip = EmulatedChipFile.load(dir);
            return new Device(chip, chip, new EmulatedCaamBlobStore(dir.resolve("blobs"), chip), () -> { });
        }
        FuseMap map;
        try {
            map = FuseMap.of(fuseMap);
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--fuse-map: " + e.getMessage());
        }
        Libteec lib = Libteec.load(libteec);
        try {
            OcotpFuses fuses = OcotpFuses.read(lib, map);
            java.nio.file.Files.createDirectories(dir);
            SecureStore store = EmulatedCaamBlobStore.withKeyFile(dir.resolve("blobs"), dir.resolve("blob-key"),
                    HexFormat.of().withUpperCase().formatHex(fuses.chipId()));
            return new Device(new OpteeMpBackend(lib), fuses, store, lib::close);
        } catch (Exception e) {
            lib.close();
            throw e;
        }
    }

    private void checkEmulated() {
        if (!EMULATED.equals(backend)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--backend must be emulated or optee");
        }
        if (libteec != null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--libteec needs --backend optee");
        }
    }

    /** Runs {@code call} with the MP key only (no fuses or store): the emulated chip in {@code dir}, or the board's. */
    <T> T withMp(Path dir, MpCall<T> call) throws Exception {
        if (!OPTEE.equals(backend)) {
            checkEmulated();
            return call.run(EmulatedChipFile.load(dir));
        }
        try (Libteec lib = Libteec.load(libteec)) {
            return call.run(new OpteeMpBackend(lib));
        }
    }

    /** Something done with an MP key. */
    @FunctionalInterface
    interface MpCall<T> {
        T run(MpBackend mp) throws Exception;
    }

    /** What a device command runs on; closing unloads libteec. */
    record Device(MpBackend mp, ChipFuses fuses, SecureStore store, AutoCloseable resource) implements AutoCloseable {
        String chipIdHex() {
            return HexFormat.of().withUpperCase().formatHex(fuses.chipId());
        }

        @Override
        public void close() throws Exception {
            resource.close();
        }
    }
}
