package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session and unit life cycle as docs/protocol.md ("Sessions and units") states it: which
 * challenge an attestation may use, when a challenge is spent, and which receipt is accepted.
 */
class SessionLifecycleTest extends ServerContract {
    @Override
    protected TestServer start(Path dataDir) throws Exception {
        TestServer s = TestServer.sqlite(dataDir);
        s.order("o1", 10, "SN000001..SN000010");
        return s;
    }

    @Test
    void receipt_earlierSessionAfterRetry_acceptedAndRepeatable_otherSessionThenRefused() throws Exception {
        TestDevice device = server.device();
        TestDevice.Attestation first = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        ProvisioningResponse r1 = server.client().provisioning(server.client().attest(first.request()));
        TestDevice.Attestation second = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        ProvisioningResponse r2 = server.client().provisioning(server.client().attest(second.request()));
        ReceiptRequest earlier = device.receipt(r1, first.open(r1));
        ReceiptRequest latest = device.receipt(r2, second.open(r2));

        // Both sessions delivered the same identity: a genuine device whose retry's answer was lost
        // still confirms with the receipt it signed first (no replay alert against it).
        assertThat(server.client().receiptResponse(server.client().receipt(earlier)).state()).isEqualTo("provisioned");
        assertThat(server.client().receiptResponse(server.client().receipt(earlier)).state()).isEqualTo("provisioned");
        // Confirmed in one session, the unit takes no receipt of another: a device sends only the one it stored.
        refused(server.client().receipt(latest), ProblemCode.SESSION_NOT_ISSUED);
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("provisioned", 1L)
                .containsEntry("receipt-repeated", 1L).containsEntry("session-not-issued", 1L);
    }

    @Test
    void attest_challengeOfAnotherProduct_nonceMismatch() throws Exception {
        server.imprint().products().enroll(new ProductEnrollment("sensor-y", "MIMX8MM6DVTLZAA",
                HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(server.mpKey()), null,
                TestServer.POLICY));
        ChallengeResponse forSensor = server.client().challenge("sensor-y");

        refused(server.client().attest(server.device().attest(forSensor, "SN000002").request()),
                ProblemCode.NONCE_MISMATCH);
        assertThat(server.imprint().events().unitsByState(null, null)).isEmpty();
    }

    @Test
    void attest_refusedBeforeTheChallengeIsRedeemed_challengeStillAnswers() throws Exception {
        ChallengeResponse challenge = server.client().challenge(TestServer.PRODUCT);
        TestDevice genuine = server.device();
        TestDevice forger = new TestDevice(TestDevice.newMpKey(), HexFormat.of().parseHex(genuine.chipIdHex()),
                TestServer.PRODUCT);

        refused(server.client().attest(forger.attest(challenge, "SN000003").request()), ProblemCode.BAD_SIGNATURE);
        Reply issued = server.client().attest(genuine.attest(challenge, "SN000003").request());
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    }

    @Test
    void attest_policyRefusal_challengeSpent() throws Exception {
        ChallengeResponse challenge = server.client().challenge(TestServer.PRODUCT);
        TestDevice.Attestation old = server.device().withSoftware("0.9.0").attest(challenge, "SN000004");

        refused(server.client().attest(old.request()), ProblemCode.POLICY_VIOLATION);
        refused(server.client().attest(old.request()), ProblemCode.NONCE_USED);
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsOnlyKeys("policy-violation",
                "nonce-used");
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of());
    }

    private void refused(Reply reply, ProblemCode code) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(code.httpStatus());
        assertThat(server.client().problem(reply).code()).isEqualTo(code.slug());
    }
}
