package io.imprint.cli;

import io.imprint.cli.console.ProgressBar;
import io.imprint.cli.console.Table;
import io.imprint.server.Imprint;
import io.imprint.server.bundle.ImportSummary;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint receipts ...}: counting offline production from the stations' receipts files. */
@Command(name = "receipts", description = "Offline receipts: import a station's receipts file.",
        subcommands = {ReceiptsCommand.Import.class})
final class ReceiptsCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Verifies a receipts file and records each unit against its bundle's order (idempotent).")
    static final class Import implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--file", required = true, description = "Receipts file collected from a station.") Path file;
        @Option(names = "--product", description = "Product (default: the one the file's first receipt names).") String product;

        @Override
        public Integer call() throws Exception {
            try (Imprint imprint = Imprint.open(store.config())) {
                ImportSummary s;
                ProgressBar[] bar = {null};
                try {
                    s = imprint.receiptImport().importFile(file, product, total -> {
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
        t.print(out);
    }
}
