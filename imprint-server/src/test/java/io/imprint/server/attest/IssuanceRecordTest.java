package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.server.ServerConfig;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A unit and the record of its issuance (event + audit entry) commit together or not at all. */
class IssuanceRecordTest {
    @Test
    void attest_accepted_eventAndAuditEntryCommittedWithTheUnit(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0), null)) {
            server.order("o1", 10, "SN000001..SN000010");
            Reply reply = server.client().attest(server.device().attest(server.client().challenge(TestServer.PRODUCT),
                    "SN000001").request());
            assertThat(reply.status()).isEqualTo(200);
            assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("issued", 1L));
            assertThat(server.imprint().events().countsByOutcome(null, null)).isEqualTo(Map.of("issued", 1L));
            assertThat(server.imprint().audit().verifyStore().entryCount()).isEqualTo(1);
        }
    }

    @Test
    void attest_recordCannotBeWritten_noUnitAndNoQuotaTaken(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0), null)) {
            server.order("o1", 10, "SN000001..SN000010");
            TestDevice device = server.device();
            var challenge = server.client().challenge(TestServer.PRODUCT);
            server.imprint().database().autoCommit(c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("ALTER TABLE audit_entries RENAME TO audit_entries_gone");
                }
            });

            Reply reply = server.client().attest(device.attest(challenge, "SN000001").request());

            assertThat(reply.status()).isEqualTo(500);
            assertThat(server.imprint().events().unitsByState(null, null)).isEmpty();
            assertThat(server.imprint().orders().get("o1").used()).isZero();
        }
    }
}
