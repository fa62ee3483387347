package io.imprint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.server.events.Attempt;
import io.imprint.server.store.Database;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail over real provisioning attempts, tampered with directly in the store; run
 * against every database.
 */
abstract class AuditTrailContract {
    @TempDir
    Path dir;
    TestServer server;
    AuditTrail audit;

    abstract TestServer start(Path dataDir) throws Exception;

    /** JDBC URL of the server's store, for a second node. */
    abstract String url();

    @BeforeEach
    void setUp() throws Exception {
        server = start(dir);
        audit = server.imprint().audit();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void verifyStore_acceptedAndRefusedAttempts_oneEntryPerEventAndChainVerifies() throws Exception {
        long events = provision();
        VerifiedAuditLog verified = audit.verifyStore();
        assertThat(verified.entryCount()).isEqualTo(events).isGreaterThanOrEqualTo(6);
        assertThat(verified.entries()).allMatch(e -> e.kind().equals("event") && e.actor().equals("device"));
        assertThat(verified.entries()).anyMatch(e -> e.payload().contains("\"outcome\":\"issued\""))
                .anyMatch(e -> e.payload().contains("\"outcome\":\"provisioned\""))
                .anyMatch(e -> e.payload().contains("\"outcome\":\"serial-not-authorized\""))
                .anyMatch(e -> e.payload().contains("\"outcome\":\"bad-signature\""));
        assertThat(verified.headHash()).isEqualTo(verified.entries().getLast().entryHash());
    }

    @Test
    void verifyStore_payloadEdited_editedAtThatSeq() throws Exception {
        provision();
        sql("UPDATE audit_entries SET payload = REPLACE(payload, 'SN00000', 'SN99999') WHERE seq = 2");
        assertTampered(audit::verifyStore, 2, AuditFault.EDITED);
    }

    @Test
    void verifyStore_editedWithRecomputedHash_editedAtThatSeq() throws Exception {
        provision();
        AuditEntry e = audit.verifyStore().entries().get(2);
        String forged = e.payload().replace("SN", "XX");
        String hash = Hex.of(AuditHashes.entryHash(3, Hex.parse(e.prevHash()), e.recordedAt().toEpochMilli(),
                e.kind(), e.actor(), forged));
        server.imprint().database().autoCommit(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE audit_entries SET payload = ?, entry_hash = ? WHERE seq = 3")) {
                s.setString(1, forged);
                s.setString(2, hash);
                return s.executeUpdate();
            }
        });
        assertTampered(audit::verifyStore, 3, AuditFault.EDITED);
    }

    @Test
    void verifyStore_middleRowDeleted_missing() throws Exception {
        provision();
        sql("DELETE FROM audit_entries WHERE seq = 4");
        assertTampered(audit::verifyStore, 4, AuditFault.MISSING);
    }

    @Test
    void verifyStore_twoRowsSwapped_orderChanged() throws Exception {
        provision();
        sql("UPDATE audit_entries SET seq = -3 WHERE seq = 3");
        sql("UPDATE audit_entries SET seq = 3 WHERE seq = 4");
        sql("UPDATE audit_entries SET seq = 4 WHERE seq = -3");
        assertTampered(audit::verifyStore, 3, AuditFault.ORDER_CHANGED);
    }

    @Test
    void verifyStore_newestRowsDeletedAfterCheckpoint_truncated() throws Exception {
        long events = provision();
        assertThat(audit.checkpoint().seq()).isEqualTo(events);
        sql("DELETE FROM audit_entries WHERE seq > " + (events - 2));
        assertTampered(audit::verifyStore, events - 1, AuditFault.TRUNCATED);
    }

    @Test
    void verifyStore_checkpointSignatureCorrupted_badCheckpointSignature() throws Exception {
        long events = provision();
        AuditCheckpoint cp = audit.checkpoint();
        String flipped = (cp.signature().charAt(0) == '0' ? "1" : "0") + cp.signature().substring(1);
        sql("UPDATE audit_checkpoints SET signature = '" + flipped + "'");
        assertTampered(audit::verifyStore, events, AuditFault.BAD_CHECKPOINT_SIGNATURE);
    }

    @Test
    void append_periodicCheckpoints_everyIntervalEntries() throws Exception {
        AuditTrail every5 = new AuditTrail(server.imprint().database(), AuditKey.loadOrCreate(dir),
                Clock.systemUTC(), 5);
        for (int i = 0; i < 12; i++) {
            every5.append("admin", "alice", Map.of("action", "test", "n", Integer.toString(i)));
        }
        VerifiedAuditLog verified = every5.verifyStore();
        assertThat(verified.entryCount()).isEqualTo(12);
        assertThat(verified.checkpointCount()).isEqualTo(2);
        assertThat(verified.lastCheckpoint()).get().extracting(AuditCheckpoint::seq).isEqualTo(10L);
    }

    @Test
    void append_manyThreadsOnTwoNodes_gapFreeValidChain() throws Exception {
        try (Database second = Database.open(url(), 4)) {
            AuditTrail node2 = new AuditTrail(second, AuditKey.loadOrCreate(dir), Clock.systemUTC(), 7);
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                jobs.add(() -> {
                    for (int i = 0; i < 15; i++) {
                        if (thread % 2 == 0) {
                            server.imprint().events().record("quota-exhausted",
                                    new Attempt().product(TestServer.PRODUCT).serial("T" + thread + "-" + i), "race");
                        } else {
                            node2.append("admin", "op-" + thread, Map.of("i", Integer.toString(i)));
                        }
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
            try {
                for (Future<Void> f : pool.invokeAll(jobs)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        VerifiedAuditLog verified = audit.verifyStore();
        assertThat(verified.entryCount()).isEqualTo(120);
        assertThat(verified.entries()).extracting(AuditEntry::seq).doesNotHaveDuplicates().hasSize(120);
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("quota-exhausted", 60L);
        assertThat(verified.checkpointCount()).isPositive();
    }

    /** Real attempts over HTTPS, accepted and refused; returns how many events they recorded. */
    long provision() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice a = server.device();
        TestDevice.Attestation att = a.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        var response = server.client().provisioning(server.client().attest(att.request()));
        assertThat(server.client().receipt(a.receipt(response, att.open(response))).status()).isEqualTo(200);
        for (String serial : List.of("SN000002", "SN000003")) {
            assertThat(attest(server.device(), serial).status()).isEqualTo(200);
        }
        assertThat(attest(server.device(), "SN000099").status()).isEqualTo(403);
        TestDevice forger = new TestDevice(TestDevice.newMpKey(), new byte[8], TestServer.PRODUCT);
        assertThat(attest(forger, "SN000004").status()).isEqualTo(403);
        assertThat(attest(server.device(), "SN000002").status()).isEqualTo(409);
        return server.imprint().events().countsByOutcome(null, null).values().stream().mapToLong(Long::longValue).sum();
    }

    private Reply attest(TestDevice device, String serial) throws Exception {
        return server.client().attest(device.attest(server.client().challenge(TestServer.PRODUCT), serial).request());
    }

    void sql(String statement) {
        server.imprint().database().autoCommit(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate(statement);
            }
        });
    }

    static void assertTampered(ThrowingCallable verify, long seq, AuditFault fault) {
        assertThatThrownBy(verify).isInstanceOfSatisfying(AuditTamperException.class, e -> {
            assertThat(e.fault()).as(e.getMessage()).isEqualTo(fault);
            assertThat(e.seq()).as(e.getMessage()).isEqualTo(seq);
        });
    }
}
