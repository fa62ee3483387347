package io.imprint.cli;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.ImportSummary;
import io.imprint.server.keystore.KeyStoreBackend;
import java.nio.file.Path;
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
            description = "Opens each sealed line with the OEM receipt key, verifies it and records each unit against its bundle's order (idempotent).")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--file", required = true, description = "Receipts file collected from a station.") Path file;
        @Option(names = "--key-store", required = true, description = "Key store holding the receipt key: pkcs11:... or file:/dir.") String keyStore;
        @Option(names = "--receipt-key-label", required = true, description = "Label of the OEM receipt key the bundles named.") String receiptLabel;
        @Option(names = "--product", description = "Only this product's receipts; lines of other products are skipped (default: every product, by the bundle each line names).") String product;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "receipts file " + file + " does not exist");
            }
            try (Imprint imprint = Imprint.open(store.config()); KeyStoreBackend keys = KeyStores.open(keyStore)) {
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
                print(s, spec.commandLine().getOut());
            }
            return 0;
        }
    }

    static void print(ImportSummary s, java.io.PrintWriter out) {
        Table t = new Table("result", "receipts").row("imported", s.imported()).row("already imported", s.alreadyImported());
        for (Map.Entry<String, Integer> e : s.refusedSorted().entrySet()) {
            t.row("refused: " + e.getKey(), e.getValue());
        }
        if (s.skipped() > 0) {
            t.row("skipped: other product", s.skipped());
        }
        t.print(out);
    }
}
