package io.imprint.cli;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.Backends;
import io.imprint.cli.demo.Demo;
import io.imprint.cli.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint demo}: the whole networked flow on an embedded store, with emulated i.MX devices. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  imprint demo", "  imprint demo --devices 200 --stations 8",
                "  imprint demo --backend pkcs11 --devices 20", "  imprint demo --backend tpm2 --devices 10",
                "  imprint demo --backend optee", "  imprint demo --keep-running"},
        description = "Starts a server on a fresh embedded (SQLite) data directory, enrolls a product from an EMULATED"
                + " reference chip (or the emulated vendor root of secure elements or TPMs: --backend pkcs11, tpm2), opens an order,"
                + " provisions a production run of emulated devices over TLS, then shows the attacks the server"
                + " refuses and a summary.")
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--devices", defaultValue = "50", description = "Units in the production run (default: ${DEFAULT-VALUE}).")
    int devices;
    @Option(names = "--stations", defaultValue = "4", description = "Concurrent programming stations (default: ${DEFAULT-VALUE}).")
    int stations;
    @Option(names = "--data-dir", description = "Data directory to create (default: a new directory under the system temp dir).")
    Path dataDir;
    @Option(names = "--keep-running", description = "Keep the server running after the demo, until Ctrl-C: admin API and operator console (its URL,"
            + " an oem-admin .p12 and how to import it into a browser are printed).")
    boolean keepRunning;
    @Option(names = "--backend", defaultValue = Backends.DEFAULT, converter = Backends.Converter.class,
            description = "Device backend of the production run: caam-emulated (default, EMULATED i.MX CAAM chips); "
                    + "pkcs11 (EMULATED secure elements in SoftHSM2 tokens made in the scratch directory; needs the "
                    + "softhsm2 package); tpm2 (software TPMs: swtpm instances with their own EK vendor CA, driven "
                    + "by tpm2-tools; needs swtpm swtpm-tools tpm2-tools); optee (the real OP-TEE binding, FFM over "
                    + "libteec, loaded from Imprint's libteec test double, an EMULATION of OP-TEE's MP PTA built with "
                    + "gcc; needs gcc libssl-dev); uboot-emulated (EMULATED i.MX boards signing over their EMULATED "
                    + "U-Boot consoles on pseudo-terminals).")
    BackendProvider backend;
    @Option(names = "--keep", description = "Keep the temporary data directory and print commands to try on it (a --data-dir is always kept).")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || devices > 100_000) {
            throw new IllegalArgumentException("--devices must be 1..100000");
        }
        if (stations < 1 || stations > 64) {
            throw new IllegalArgumentException("--stations must be 1..64");
        }
        if (dataDir != null && Files.isDirectory(dataDir)) {
            try (var entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir " + dataDir + " is not empty; the demo needs a fresh one");
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (dataDir != null || keep) {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("imprint-demo-");
            return new Demo(dir, devices, stations, keepRunning, true, out, backend).run();
        }
        try (ScratchDirectory scratch = ScratchDirectory.create("imprint-demo-")) {
            int code = new Demo(scratch.path(), devices, stations, keepRunning, false, out, backend).run();
            out.println("Removing the demo's data directory " + scratch.path() + " (--keep keeps it).");
            out.flush();
            return code;
        }
    }
}
