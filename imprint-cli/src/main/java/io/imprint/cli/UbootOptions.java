package io.imprint.cli;

import io.imprint.device.uboot.Mfgprot;
import io.imprint.device.uboot.SerialConsoleLink;
import io.imprint.device.uboot.UbootConsole;
import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How to reach a board's U-Boot console, for the commands that take {@code --from-uboot PORT}. */
final class UbootOptions {
    @Option(names = "--baud", defaultValue = "115200",
            description = "Baud rate of the board's console, with --from-uboot (default: ${DEFAULT-VALUE}).")
    int baud;
    @Option(names = "--console-timeout", defaultValue = "15", paramLabel = "SECONDS",
            description = "With --from-uboot: seconds to wait for U-Boot's prompt and for each command (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;
    @Option(names = "--prompt", defaultValue = "=> ",
            description = "U-Boot's prompt (CONFIG_SYS_PROMPT), with --from-uboot (default: '${DEFAULT-VALUE}').")
    String prompt;
    @Option(names = "--load-addr", paramLabel = "HEX",
            description = "With --from-uboot: DRAM address for the message to sign, hex (default: the board's $loadaddr).")
    String loadAddr;

    /** Opens the port, stops autoboot and takes the U-Boot prompt. */
    UbootMpBackend attach(Path port) throws IOException {
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--console-timeout must be 1..600 seconds");
        }
        UbootConsole.Settings settings;
        try {
            settings = new UbootConsole.Settings(prompt, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(timeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--prompt: " + e.getMessage());
        }
        Optional<Long> addr = loadAddr == null ? Optional.empty() : Optional.of(Mfgprot.parseAddress(loadAddr));
        return UbootMpBackend.attach(SerialConsoleLink.open(port, baud), settings, addr);
    }
}
