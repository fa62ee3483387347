package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.audit.AuditEntry;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint unit authorize-reprovision --data-dir}: the actor is local:<os user>, --by a detail. */
class UnitCommandTest {
    @TempDir Path tmp;

    /** A chip provisioned over the network into the store in {@link #tmp}; the server is stopped again. */
    private String provisionedChip() throws Exception {
        try (TestServer server = TestServer.sqlite(tmp)) {
            server.order("PO-1", 5, "SN000001..SN000005");
            return server.provisioned("SN000001").chipIdHex();
        }
    }

    @Test
    void authorizeReprovision_localWithBy_actorLocalUserAuthorizedByDetail() throws Exception {
        String chip = provisionedChip();
        CliRun run = CliRun.of("unit", "authorize-reprovision", "--product", TestServer.PRODUCT, "--chip-id",
                chip.toLowerCase(), "--reason", "RMA-9", "--by", "alice", "--data-dir", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("chip " + chip + " of gateway-x").contains("by alice");

        String local = "local:" + System.getProperty("user.name", "unknown");
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(tmp))) {
            List<AuditEntry> entries = imprint.audit().verifyStore().entries();
            assertThat(entries).noneMatch(e -> e.actor().equals("alice"));
            assertThat(entries).anyMatch(e -> e.kind().equals("admin") && e.actor().equals(local)
                    && e.payload().contains("\"action\":\"units.authorize-reprovision\"")
                    && e.payload().contains("\"authorizedBy\":\"alice\""));
            assertThat(entries).anyMatch(e -> e.kind().equals("event") && e.actor().equals(local)
                    && e.payload().contains("reprovision-authorized"));
        }
    }

    @Test
    void authorizeReprovision_neverProvisionedChip_notFoundOneLineAndNothingStored() throws Exception {
        provisionedChip();
        CliRun run = CliRun.of("unit", "authorize-reprovision", "--product", TestServer.PRODUCT, "--chip-id", "0a1b2c3d",
                "--reason", "RMA-9", "--by", "alice", "--data-dir", tmp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("imprint: not-found: chip 0A1B2C3D was never provisioned as a unit of "
                + "gateway-x; only a provisioned chip can be re-provisioned");
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(tmp))) {
            assertThat(imprint.events().countsByOutcome(null, null)).doesNotContainKey("reprovision-authorized");
        }
    }
}
