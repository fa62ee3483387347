package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.OfflineLot;
import io.imprint.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint receipts import}: refused lines are named (bounded, all in --refusals-out) and exit 3. */
class ReceiptsCommandTest {
    @TempDir Path dir;

    @Test
    void import_someLinesRefused_listsThemBoundedWritesCsvAndExits3() throws Exception {
        Path data = dir.resolve("data");
        List<String> lines = new ArrayList<>();
        try (TestServer server = TestServer.sqlite(data)) {
            server.order("lot-1", 1, "SN000001..SN000010");
            OfflineLot lot = OfflineLot.build(server, dir, "lot-1");
            lines.add(lot.line("0A0B0C01", "SN000001"));
            lines.add(lot.line("0A0B0C02", "SN000002")); // beyond the quantity of 1
            for (int i = 0; i < 21; i++) {
                lines.add("imprint-bundle-receipt-v1 garbage-" + i);
            }
        }
        Path receipts = Files.write(dir.resolve("receipts.txt"), lines);
        Path csv = dir.resolve("refused.csv");
        String keys = "file:" + dir.resolve("lot-keys-lot-1");

        CliRun run = CliRun.of("receipts", "import", "--data-dir", data.toString(), "--file", receipts.toString(),
                "--key-store", keys, "--receipt-key-label", "oem-receipt", "--refusals-out", csv.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out())
                .containsPattern("imported\\s+1")
                .containsPattern("refused: quota-exhausted\\s+1")
                .containsPattern("refused: bad-receipt\\s+21")
                .contains("Refused lines (22, not counted")
                .containsPattern("line\\s+serial\\s+chip\\s+code")
                .containsPattern("2\\s+SN000002\\s+0A0B0C02\\s+quota-exhausted")
                .containsPattern("3\\s+-\\s+-\\s+bad-receipt")
                .contains("... and 2 more")
                .contains("written to " + csv);
        assertThat(run.out().lines().filter(l -> l.matches("\\d+\\s+.*(bad-receipt|quota-exhausted)"))).hasSize(20);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(23);
        assertThat(rows.get(0)).isEqualTo(RefusalsCsv.HEADER);
        assertThat(rows.get(1)).startsWith("2,SN000002,0A0B0C02,quota-exhausted,");
        assertThat(rows.get(22)).startsWith("23,,,bad-receipt,");

        CliRun again = CliRun.of("receipts", "import", "--data-dir", data.toString(), "--file", receipts.toString(),
                "--key-store", keys, "--receipt-key-label", "oem-receipt");
        assertThat(again.exitCode()).as("the quota-exhausted line is still refused").isEqualTo(3);
        assertThat(again.out()).containsPattern("already imported\\s+1").containsPattern("refused earlier \\(for good\\)\\s+21")
                .contains("Refused lines (1,").doesNotContain("more");
    }

    @Test
    void import_refusalsOutInMissingDirectory_refusedBeforeImporting() throws Exception {
        Path data = dir.resolve("data");
        try (TestServer server = TestServer.sqlite(data)) {
            server.order("lot-1", 1, "SN000001..SN000010");
            Files.write(dir.resolve("receipts.txt"), List.of(OfflineLot.build(server, dir, "lot-1")
                    .line("0A0B0C01", "SN000001")));
        }
        CliRun run = CliRun.of("receipts", "import", "--data-dir", data.toString(), "--file",
                dir.resolve("receipts.txt").toString(), "--key-store", "file:" + dir.resolve("lot-keys-lot-1"),
                "--receipt-key-label", "oem-receipt", "--refusals-out", dir.resolve("no/such/dir/r.csv").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("imprint: --refusals-out").doesNotContain("\n");
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(data))) {
            assertThat(imprint.orders().get("lot-1").used()).isZero();
            assertThat(imprint.events().countsByOutcome(null, null)).doesNotContainKey("provisioned");
        }
    }
}
