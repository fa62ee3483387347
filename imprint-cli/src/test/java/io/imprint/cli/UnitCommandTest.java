package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.audit.AuditEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint unit authorize-reprovision --data-dir}: the actor is local:<os user>, --by a detail. */
class UnitCommandTest {
    private static final String KEY = "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
            + "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";
    @TempDir Path tmp;

    @Test
    void authorizeReprovision_localWithBy_actorLocalUserAuthorizedByDetail() throws Exception {
        assertThat(CliRun.of("init", "--data-dir", tmp.toString()).exitCode()).isZero();
        CliRun enroll = CliRun.of("product", "enroll", "--name", "gw", "--part-number", "MIMX8MM6", "--srk-hash",
                "a1".repeat(32), "--mp-key", KEY, "--data-dir", tmp.toString());
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        CliRun run = CliRun.of("unit", "authorize-reprovision", "--product", "gw", "--chip", "0a1b", "--reason",
                "RMA-9", "--by", "alice", "--data-dir", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("by alice");

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
}
