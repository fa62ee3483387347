package io.imprint.cli;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.uboot.emulator.EmulatedUbootConsole;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint device uboot-emulator}: an EMULATED U-Boot console of an emulated chip, on a pseudo-terminal. */
@Command(name = "uboot-emulator", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint device uboot-emulator --dir reference-chip --link ./ttyEMU",
                "  imprint device uboot-emulator --dir chip1 --boot-delay 10 --slow-output 5",
                "  imprint device uboot-emulator --dir chip1 --fault no-mfgprot --for 60"},
        description = "Serves an EMULATED U-Boot console (software emulation, not a board) of an emulated chip on a"
                + " pseudo-terminal, to try --from-uboot without hardware: prompt '=> ', autoboot countdown, echo, CR/LF,"
                + " mw and mfgprot. Prints the port to open; runs until Ctrl-C (or --for).")
final class UbootEmulatorCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, description = "Directory of the emulated chip (made by 'imprint device chip-init').")
    Path dir;
    @Option(names = "--link", description = "Also make this symbolic link to the port (replaced if it is a link already).")
    Path link;
    @Option(names = "--boot-delay", defaultValue = "3",
            description = "Autoboot countdown in seconds; the board boots 'Linux' when nobody stops it (default: ${DEFAULT-VALUE}).")
    int bootDelay;
    @Option(names = "--slow-output", defaultValue = "0", paramLabel = "MILLIS",
            description = "Pause after every 8 bytes of output, 0..1000 ms, as a slow UART (default: ${DEFAULT-VALUE}).")
    int slowMillis;
    @Option(names = "--fault", defaultValue = "none",
            description = "Failure to show: none, no-mfgprot, caam-failure, hang or silent (default: ${DEFAULT-VALUE}).")
    String fault;
    @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this many seconds (default: until Ctrl-C).")
    Integer seconds;

    @Override
    public Integer call() throws Exception {
        EmulatedUbootOptions options = options();
        EmulatedCaamChip chip = EmulatedChipFile.load(dir);
        if (link != null && Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--link " + link + " exists and is not a symbolic link");
        }
        try (EmulatedUbootConsole console = EmulatedUbootConsole.start(chip, options)) {
            Thread hook = Thread.ofPlatform().unstarted(() -> stop(console));
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (link != null) {
                    Files.deleteIfExists(link);
                    Files.createSymbolicLink(link, console.path());
                }
                var out = spec.commandLine().getOut();
                out.println(console.description() + (link == null ? "" : " (link " + link + ")"));
                out.println("  chip: " + chip.description());
                out.println("  open it like a board's serial port, e.g. imprint mp verify --from-uboot "
                        + (link == null ? console.path() : link));
                out.flush();
                waitUntilDone();
            } finally {
                stop(console);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already
                }
            }
        }
        return 0;
    }

    private void waitUntilDone() {
        long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try {
            while (System.nanoTime() - end < 0) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(EmulatedUbootConsole console) {
        try {
            console.close();
        } finally {
            removeLink();
        }
    }

    private void removeLink() {
        if (link != null) {
            try {
                if (Files.isSymbolicLink(link)) {
                    Files.delete(link);
                }
            } catch (IOException ignored) {
                // a link left behind points nowhere; the next run replaces it
            }
        }
    }

    private EmulatedUbootOptions options() {
        if (seconds != null && (seconds < 1 || seconds > 86_400)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--for must be 1..86400 seconds");
        }
        EmulatedUbootOptions.Fault f;
        try {
            f = EmulatedUbootOptions.Fault.valueOf(fault.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "--fault must be none, no-mfgprot, caam-failure, hang or silent");
        }
        try {
            return EmulatedUbootOptions.defaults().withBootDelay(bootDelay)
                    .withSlowOutput(slowMillis == 0 ? 4096 : 8, Duration.ofMillis(slowMillis)).withFault(f);
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, e.getMessage());
        }
    }
}
