package io.imprint.cli;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.ImportSummary;
import io.imprint.server.bundle.RefusedLine;
import io.imprint.server.keystore.KeyStoreBackend;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint receipts ...}: counting offline production from the stations' receipts files. */
@Command(name = "receipts", mixinStandardHelpOptions = true, description = "Offline receipts: import a station's receipts file.",
        footer = {"%nExamples:", "  imprint receipts import --data-dir /srv/imprint --file receipts.txt \\", "      --key-store file:./oem-keys --receipt-key-label oem-receipt"},
        subcommands = {ReceiptsCommand.Import.class})
final class ReceiptsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            footer = {"%nExamples:", "  imprint receipts import --data-dir /srv/imprint --file receipts.txt \\", "      --key-store file:./oem-keys --receipt-key-label oem-receipt"},
            description = "Opens each sealed line with the OEM receipt key, verifies it and records each unit against its bundle's order (idempotent).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every line imported, already imported, refused earlier or skipped",
                    "1:bad usage or an unexpected error", "2:the whole file was refused (imprint: <code>: <detail>)",
                    "3:this import refused one or more lines: they are listed (line, serial, chip, code) and not counted"})
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--file", required = true, description = "Receipts file collected from a station.") Path file;
        @Option(names = "--key-store", required = true, description = "Key store holding the receipt key: pkcs11:... or file:/dir.") String keyStore;
        @Option(names = "--receipt-key-label", required = true, description = "Label of the OEM receipt key the bundles named.") String receiptLabel;
        @Option(names = "--product", description = "Only this product's receipts; lines of other products are skipped (default: every product, by the bundle each line names).") String product;
        @Option(names = "--refusals-out", description = "Also write every refused line as CSV (line,serial,chip,code,detail) to this file (replaced).") Path refusalsOut;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "receipts file " + file + " does not exist");
            }
            Path tmp = refusalsOut == null ? null : RefusalsCsv.reserve(refusalsOut); // a bad path fails before importing
            try (Imprint imprint = store.open(spec.commandLine().getErr()); KeyStoreBackend keys = KeyStores.open(keyStore)) {
                ReceiptKeyAgreement receiptKey = keys.receiptKey(receiptLabel);
                ImportSummary s;
                ProgressBar[] bar = {null};
                try {
                    s = imprint.receiptImport().importFile(file, product, receiptKey, total -> {
                        if (bar[0] == null) {
                            bar[0] = new ProgressBar(System.err, "importing receipts", total);
                        }
                        bar[0].step();
                    });
                } finally {
                    if (bar[0] != null) {
                        bar[0].close();
                    }
                }
                if (tmp != null) {
                    RefusalsCsv.write(s.refusedLines(), tmp, refusalsOut);
                }
                print(s, refusalsOut, spec.commandLine().getOut());
                return s.refused() > 0 ? REFUSED : 0;
            } finally {
                if (tmp != null) {
                    java.nio.file.Files.deleteIfExists(tmp);
                }
            }
        }
    }

    /** Exit code of an import that refused at least one line. */
    static final int REFUSED = 3;
    /** Refused lines printed at most; {@code --refusals-out} has them all. */
    static final int MAX_LISTED = 20;

    static void print(ImportSummary s, Path refusalsOut, PrintWriter out) {
        Table t = new Table("result", "receipts").row("imported", s.imported()).row("already imported", s.alreadyImported());
        if (s.refusedEarlier() > 0) {
            t.row("refused earlier (for good)", s.refusedEarlier());
        }
        for (Map.Entry<String, Integer> e : s.refusedSorted().entrySet()) {
            t.row("refused: " + e.getKey(), e.getValue());
        }
        if (s.skipped() > 0) {
            t.row("skipped: other product", s.skipped());
        }
        t.print(out);
        List<RefusedLine> refused = s.refusedLines();
        if (!refused.isEmpty()) {
            out.println();
            out.println("Refused lines (" + refused.size() + ", not counted; each is an event with its code):");
            Table lines = new Table("line", "serial", "chip", "code");
            refused.stream().limit(MAX_LISTED).forEach(l -> lines.row(l.line(), dash(l.serial()), dash(l.chip()), l.code()));
            lines.print(out);
            if (refused.size() > MAX_LISTED) {
                out.println("... and " + (refused.size() - MAX_LISTED) + " more"
                        + (refusalsOut == null ? " (--refusals-out FILE lists them all)" : ""));
            }
        }
        if (refusalsOut != null) {
            out.println("Refused lines with their details written to " + refusalsOut);
        }
        out.flush();
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
