package io.imprint.device.uboot;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.uboot.emulator.EmulatedUbootConsole;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.protocol.mp.Mpmr;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** Test fixture: an emulated chip behind an emulated U-Boot console on a real pseudo-terminal. */
public final class EmulatedBoard implements AutoCloseable {
    public static final String PART = "MIMX8MM6";
    public static final byte[] SRK = filled(32, 0x5A);
    public static final byte[] SEED = "emulated fuse seed for uboot tests".getBytes(StandardCharsets.US_ASCII);
    /** Short time-outs: every failure test waits them out once. */
    public static final UbootConsole.Settings QUICK = new UbootConsole.Settings("=> ", Duration.ofSeconds(3), Duration.ofSeconds(2));

    public final EmulatedCaamChip chip;
    public final EmulatedUbootConsole console;

    private EmulatedBoard(EmulatedCaamChip chip, EmulatedUbootConsole console) {
        this.chip = chip;
        this.console = console;
    }

    public static EmulatedBoard start(EmulatedUbootOptions options) throws Exception {
        return start(Mpmr.ZEROS, options);
    }

    public static EmulatedBoard start(Mpmr mpmr, EmulatedUbootOptions options) throws Exception {
        EmulatedCaamChip chip = EmulatedCaamChip.builder(PART, SRK, SEED).mpmr(mpmr).build();
        return new EmulatedBoard(chip, EmulatedUbootConsole.start(chip, options));
    }

    /** Opens the pty with jSerialComm, as the station opens /dev/ttyUSB0. */
    public SerialConsoleLink link() throws Exception {
        return SerialConsoleLink.open(console.path(), SerialConsoleLink.DEFAULT_BAUD);
    }

    public UbootConsole attach(UbootConsole.Settings settings) throws Exception {
        return UbootConsole.attach(link(), settings);
    }

    public UbootMpBackend backend() throws Exception {
        return UbootMpBackend.attach(link(), QUICK, Optional.empty());
    }

    @Override
    public void close() {
        console.close();
    }

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }
}
