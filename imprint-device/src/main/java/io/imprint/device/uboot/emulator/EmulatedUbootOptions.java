package io.imprint.device.uboot.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How an emulated U-Boot console behaves: the autoboot countdown, the prompt, how slowly it prints
 * and which fault it shows.
 *
 * @param bootDelaySeconds the autoboot countdown ({@code bootdelay}); 0 boots "Linux" at once, as a
 *                         real board whose countdown nobody stops in time
 * @param prompt the command prompt ({@code CONFIG_SYS_PROMPT}, {@code "=> "} on i.MX boards)
 * @param chunkBytes output is written in pieces of at most this many bytes...
 * @param chunkDelay ...with this pause after each piece (slow, fragmented output; zero for none)
 * @param fault the failure to emulate
 */
public record EmulatedUbootOptions(int bootDelaySeconds, String prompt, int chunkBytes, Duration chunkDelay, Fault fault) {
    /** A U-Boot log goes on for long; the countdown of a real board is rarely above 10 s. */
    public static final int MAX_BOOT_DELAY_SECONDS = 60;

    /** Failures a real board shows. */
    public enum Fault {
        /** None: a working board. */
        NONE,
        /** A U-Boot built without {@code CONFIG_FSL_MFGPROT}: {@code Unknown command 'mfgprot'}. */
        NO_MFGPROT,
        /** The CAAM job fails (MP not available): U-Boot prints its header line and nothing else. */
        CAAM_FAILURE,
        /** The CAAM job never completes: {@code mfgprot} prints its header line, then the board stops answering. */
        HANG,
        /** The board does not answer at all (off, wrong port, TX/RX swapped). */
        SILENT
    }

    public EmulatedUbootOptions {
        if (bootDelaySeconds < 0 || bootDelaySeconds > MAX_BOOT_DELAY_SECONDS) {
            throw new IllegalArgumentException("boot delay must be 0.." + MAX_BOOT_DELAY_SECONDS + " s");
        }
        if (prompt == null || prompt.isBlank() || prompt.length() > 32) {
            throw new IllegalArgumentException("prompt must be 1-32 characters");
        }
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 byte");
        }
        Objects.requireNonNull(chunkDelay);
        if (chunkDelay.isNegative() || chunkDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("chunk delay must be 0..1000 ms");
        }
        Objects.requireNonNull(fault);
    }

    /** A working board: 3 s countdown, prompt {@code "=> "}, output as fast as the pty takes it. */
    public static EmulatedUbootOptions defaults() {
        return new EmulatedUbootOptions(3, "=> ", 4096, Duration.ZERO, Fault.NONE);
    }

    public EmulatedUbootOptions withBootDelay(int seconds) {
        return new EmulatedUbootOptions(seconds, prompt, chunkBytes, chunkDelay, fault);
    }

    public EmulatedUbootOptions withPrompt(String value) {
        return new EmulatedUbootOptions(bootDelaySeconds, value, chunkBytes, chunkDelay, fault);
    }

    /** Output in pieces of {@code bytes} with {@code delay} after each. */
    public EmulatedUbootOptions withSlowOutput(int bytes, Duration delay) {
        return new EmulatedUbootOptions(bootDelaySeconds, prompt, bytes, delay, fault);
    }

    public EmulatedUbootOptions withFault(Fault value) {
        return new EmulatedUbootOptions(bootDelaySeconds, prompt, chunkBytes, chunkDelay, value);
    }
}
