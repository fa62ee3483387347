package io.imprint.server.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A known run reconciled at close, its signature verified with the audit public key alone. */
class ReconciliationTest {
    @TempDir Path dir;

    private static Reply attest(TestServer server, TestDevice device, String serial) throws Exception {
        return server.client().attest(device.attest(server.client().challenge(TestServer.PRODUCT), serial).request());
    }

    @Test
    void close_knownRun_countsSignedAndTamperDetected() throws Exception {
        try (TestServer server = TestServer.sqlite(dir)) {
            server.order("o1", 4, "SN000001..SN000010");
            for (int i = 1; i <= 3; i++) { // 2 provisioned, 1 issued but never confirmed
                TestDevice d = server.device();
                TestDevice.Attestation a = d.attest(server.client().challenge(TestServer.PRODUCT), "SN00000" + i);
                ProvisioningResponse r = server.client().provisioning(server.client().attest(a.request()));
                if (i < 3) {
                    assertThat(server.client().receipt(d.receipt(r, a.open(r))).status()).isEqualTo(200);
                }
            }
            attest(server, server.device(), "SN000001");                    // serial-in-use (order id known)
            attest(server, server.device().withSoftware("0.9"), "SN000005"); // policy-violation, no order id, in range
            attest(server, server.device().withSoftware("0.9"), "SN000099"); // out of range: not attributed
            attest(server, server.device(), "SN000004");
            assertThat(attest(server, server.device(), "SN000005").status()).isEqualTo(409); // quota-exhausted

            Reconciliation r = server.imprint().orders().close("o1");

            assertThat(r.quantity()).isEqualTo(4);
            assertThat(r.issued()).isEqualTo(4);
            assertThat(r.provisioned()).isEqualTo(2);
            assertThat(r.issuedUnconfirmed()).isEqualTo(2);
            assertThat(r.refusals()).isEqualTo(Map.of("serial-in-use", 1L, "quota-exhausted", 1L));
            assertThat(r.refusalsInRange()).isEqualTo(Map.of("policy-violation", 1L));
            VerifiedReconciliation v = server.imprint().orders().reconciliation("o1");
            assertThat(v.reconciliation()).isEqualTo(r);

            var publicKey = AuditKey.publicKeyFromPem(java.nio.file.Files.readString(dir.resolve("keys/audit.pub.pem")));
            assertThat(Reconciliations.verify(publicKey, v.canonicalJson(), v.signatureBase64()).reconciliation()).isEqualTo(r);
            String tampered = v.canonicalJson().replace("\"provisioned\":2", "\"provisioned\":3");
            assertThat(tampered).isNotEqualTo(v.canonicalJson());
            assertThatThrownBy(() -> Reconciliations.verify(publicKey, tampered, v.signatureBase64()))
                    .isInstanceOf(ImprintException.class).hasMessageContaining("does not verify");
            server.imprint().database().autoCommit(c -> {
                try (var s = c.prepareStatement("UPDATE order_reconciliations SET canonical = ?")) {
                    s.setString(1, tampered);
                    return s.executeUpdate();
                }
            });
            assertThatThrownBy(() -> server.imprint().orders().reconciliation("o1"))
                    .isInstanceOf(ImprintException.class).hasMessageContaining("does not verify");
            assertThatThrownBy(() -> server.imprint().orders().close("o1")).hasMessageContaining("already closed");
        }
    }
}
