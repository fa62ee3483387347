package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The device API end to end over real TLS on loopback, on SQLite. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceApiTest {
    TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.sqlite(dir);
        server.order("batch-1", 1000, "SN000001..SN001000");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void attest_validDevice_issuesSecretsAndCertificate() throws Exception {
        TestDevice device = server.device();
        ChallengeResponse challenge = server.client().challenge(TestServer.PRODUCT);
        TestDevice.Attestation a = device.attest(challenge, "SN000001");

        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));

        SecretItems secrets = a.open(response);
        assertThat(secrets.names()).containsExactly("disk-encryption-key");
        assertThat(secrets.value("disk-encryption-key")).hasSize(32);
        assertThat(response.serial()).isEqualTo("SN000001");
        assertThat(response.state()).isEqualTo("issued");
        assertThat(response.certificateChain()).hasSize(2);
        X509Certificate cert = TestDevice.certificate(response.certificateChain().get(0));
        X509Certificate ca = TestDevice.certificate(response.certificateChain().get(1));
        cert.verify(ca.getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=SN000001").contains("O=gateway-x")
                .contains("2.5.4.5=");
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        assertThat(sans).containsExactly(List.of(6, "urn:imprint:chip:" + device.chipIdHex()));
        assertThat(cert.getPublicKey().getEncoded()).isEqualTo(device.identityPublicKey().getEncoded());
        assertThat(cert.getKeyUsage()[0]).isTrue();
        assertThat(server.imprint().events().countsByOutcome(TestServer.PRODUCT, null)).containsEntry("issued", 1L);
    }

    @Test
    void attest_replayedMessage_nonceUsed() throws Exception {
        TestDevice.Attestation a = server.device().attest(server.client().challenge(TestServer.PRODUCT), "SN000002");
        assertThat(server.client().attest(a.request()).status()).isEqualTo(200);
        Snapshot before = snapshot();

        refused(server.client().attest(a.request()), ProblemCode.NONCE_USED);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_usedSerialOnNewChip_serialInUse() throws Exception {
        provision(server.device(), "SN000003");
        Snapshot before = snapshot();

        refused(attest(server.device(), "SN000003"), ProblemCode.SERIAL_IN_USE);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_chipWithSecondSerial_chipSerialMismatch() throws Exception {
        TestDevice device = server.device();
        provision(device, "SN000004");
        Snapshot before = snapshot();

        refused(attest(device, "SN000005"), ProblemCode.CHIP_SERIAL_MISMATCH);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_counterfeitKey_badSignature() throws Exception {
        TestDevice counterfeit = TestDevice.random(TestDevice.newMpKey(), TestServer.PRODUCT);
        Snapshot before = snapshot();

        refused(attest(counterfeit, "SN000006"), ProblemCode.BAD_SIGNATURE);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_wrongSrkHash_srkMismatch() throws Exception {
        TestDevice other = server.device().withSrkHash(new byte[32]);
        Snapshot before = snapshot();

        refused(attest(other, "SN000007"), ProblemCode.SRK_MISMATCH);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_tamperedEvidenceByte_badSignature() throws Exception {
        TestDevice.Attestation a = server.device().attest(server.client().challenge(TestServer.PRODUCT), "SN000008");
        byte[] evidence = a.evidence();
        evidence[evidence.length - 1] ^= 0x01; // last CSR byte: still parses, signature breaks
        var tampered = new io.imprint.protocol.message.AttestationRequest(
                java.util.Base64.getEncoder().encodeToString(evidence), a.request().mpmr(), a.request().signature());
        Snapshot before = snapshot();

        refused(server.client().attest(tampered), ProblemCode.BAD_SIGNATURE);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_unknownSession_unknownSession() throws Exception {
        ChallengeResponse invented = new ChallengeResponse(
                java.util.Base64.getEncoder().encodeToString(new byte[16]),
                java.util.Base64.getEncoder().encodeToString(new byte[32]), "2030-01-01T00:00:00Z");
        Snapshot before = snapshot();

        refused(attest(server.device(), invented, "SN000009"), ProblemCode.UNKNOWN_SESSION);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_serialOutOfRange_serialNotAuthorized() throws Exception {
        Snapshot before = snapshot();

        refused(attest(server.device(), "SN009999"), ProblemCode.SERIAL_NOT_AUTHORIZED);
        refused(attest(server.device(), "XY000001"), ProblemCode.SERIAL_NOT_AUTHORIZED);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_unknownProduct_unknownProduct() throws Exception {
        Reply reply = server.client().postJson(DeviceApi.CHALLENGES,
                new io.imprint.protocol.message.ChallengeRequest("no-such-product"));
        refused(reply, ProblemCode.UNKNOWN_PRODUCT);
    }

    @Test
    void attest_malformedJson_malformedRequest() throws Exception {
        Snapshot before = snapshot();
        refused(server.client().post(DeviceApi.ATTESTATIONS, DeviceApi.JSON, "{\"evidence\":".getBytes()),
                ProblemCode.MALFORMED_REQUEST);
        refused(server.client().post(DeviceApi.ATTESTATIONS, DeviceApi.JSON,
                "{\"evidence\":\"AAAA\",\"mpmr\":\"AAAA\",\"signature\":\"AAAA\"}".getBytes()),
                ProblemCode.MALFORMED_REQUEST);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void attest_oversizedBody_requestTooLarge() throws Exception {
        byte[] body = ("{\"evidence\":\"" + "A".repeat(DeviceApi.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        refused(server.client().post(DeviceApi.ATTESTATIONS, DeviceApi.JSON, body), ProblemCode.REQUEST_TOO_LARGE);
    }

    @Test
    void attest_wrongContentType_unsupportedMediaType() throws Exception {
        refused(server.client().post(DeviceApi.ATTESTATIONS, "text/plain", "{}".getBytes()),
                ProblemCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unknownPath_notFoundProblem() throws Exception {
        refused(server.client().post("/admin", DeviceApi.JSON, "{}".getBytes()), ProblemCode.NOT_FOUND);
    }

    @Test
    void wrongMethod_methodNotAllowedProblem() throws Exception {
        Problem problem = refused(server.client().get(DeviceApi.ATTESTATIONS), ProblemCode.METHOD_NOT_ALLOWED);
        assertThat(problem.detail()).contains("GET").contains("POST");
    }

    @Test
    void listener_fingerprint_matchesCertificate() throws Exception {
        X509Certificate cert = TestDevice.certificate(server.listener().certificatePem());
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertThat(server.listener().fingerprint()).isEqualTo(expected);
        assertThat(server.listener().port()).isPositive();
    }

    private Reply attest(TestDevice device, String serial) throws Exception {
        return attest(device, server.client().challenge(TestServer.PRODUCT), serial);
    }

    private Reply attest(TestDevice device, ChallengeResponse challenge, String serial) throws Exception {
        return server.client().attest(device.attest(challenge, serial).request());
    }

    private void provision(TestDevice device, String serial) throws Exception {
        assertThat(attest(device, serial).status()).isEqualTo(200);
    }

    private Problem refused(Reply reply, ProblemCode code) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(code.httpStatus());
        assertThat(reply.contentType()).startsWith(DeviceApi.PROBLEM_JSON);
        Problem problem = server.client().problem(reply);
        assertThat(problem.code()).isEqualTo(code.slug());
        assertThat(problem.type()).isEqualTo(code.type().toString());
        assertThat(problem.status()).isEqualTo(code.httpStatus());
        assertThat(problem.correlationId()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
        return problem;
    }

    private Snapshot snapshot() {
        return new Snapshot(server.imprint().events().unitsByState(null, null),
                server.imprint().orders().get("batch-1").used());
    }

    private record Snapshot(Map<String, Long> units, long used) {
    }
}
