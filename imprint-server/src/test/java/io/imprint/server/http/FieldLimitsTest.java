package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One limit, one code: a field of fixed size with another length, or a variable field over its limit,
 * is 400 {@code malformed-request} whatever the amount, while the body is within 16 KiB; only a body
 * over 16 KiB is 413. A signature of the wrong length is malformed, never a counterfeit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldLimitsTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private final AtomicInteger nextSerial = new AtomicInteger();
    TestServer server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.sqlite(dir);
        server.order("batch-1", 100, "SN000001..SN000100");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 33, 34, 48, 200})
    void attest_mpmrOfOtherLength_malformed(int length) throws Exception {
        AttestationRequest ok = attestation("SN000001");
        malformed(server.client().attest(new AttestationRequest(ok.evidence(), B64.encodeToString(new byte[length]),
                ok.signature())));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 65, 96, 132, 133, 1000})
    void attest_signatureOfOtherLength_malformedNotCounterfeit(int length) throws Exception {
        AttestationRequest ok = attestation("SN000002");
        byte[] genuine = Base64.getDecoder().decode(ok.signature());
        byte[] resized = Arrays.copyOf(genuine, length);
        Map<String, Long> before = server.imprint().events().countsByOutcome(null, null);

        String signature = B64.encodeToString(resized);
        malformed(server.client().attest(new AttestationRequest(ok.evidence(), ok.mpmr(), signature)));

        Map<String, Long> after = server.imprint().events().countsByOutcome(null, null);
        assertThat(after.get(ProblemCode.BAD_SIGNATURE.slug())).isEqualTo(before.get(ProblemCode.BAD_SIGNATURE.slug()));
        assertThat(after.get(ProblemCode.MALFORMED_REQUEST.slug()))
                .isEqualTo(before.getOrDefault(ProblemCode.MALFORMED_REQUEST.slug(), 0L) + 1);
    }

    @Test
    void attest_evidenceOverItsLimitInsideTheBodyLimit_malformed() throws Exception {
        AttestationRequest ok = attestation("SN000003");
        for (int size : new int[] {EvidenceCodec.MAX_BYTES + 1, EvidenceCodec.MAX_BYTES + 4, 11_000}) {
            String evidence = B64.encodeToString(new byte[size]);
            AttestationRequest big = new AttestationRequest(evidence, ok.mpmr(), ok.signature());
            malformed(server.client().attest(big));
        }
    }

    @Test
    void attest_bodyOverSixteenKiB_requestTooLarge() throws Exception {
        byte[] body = ("{\"evidence\":\"" + "A".repeat(DeviceApi.MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.US_ASCII);
        Reply reply = server.client().post(DeviceApi.ATTESTATIONS, DeviceApi.JSON, body);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(server.client().problem(reply).code()).isEqualTo(ProblemCode.REQUEST_TOO_LARGE.slug());
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 65, 96, 133})
    void receipt_signatureOfOtherLength_malformed(int length) throws Exception {
        TestDevice device = server.device();
        String serial = String.format("SN%06d", 20 + nextSerial.getAndIncrement());
        TestDevice.Attestation a = device.attest(server.client().challenge(TestServer.PRODUCT), serial);
        ProvisioningResponse issued = server.client().provisioning(server.client().attest(a.request()));
        ReceiptRequest ok = device.receipt(issued, a.open(issued));
        byte[] resized = Arrays.copyOf(Base64.getDecoder().decode(ok.signature()), length);

        malformed(server.client().receipt(new ReceiptRequest(ok.receipt(), ok.mpmr(), B64.encodeToString(resized))));
        assertThat(server.client().receipt(ok).status()).as("the genuine receipt still works").isEqualTo(200);
    }

    private AttestationRequest attestation(String serial) throws Exception {
        return server.device().attest(server.client().challenge(TestServer.PRODUCT), serial).request();
    }

    private void malformed(Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(server.client().problem(reply).code()).isEqualTo(ProblemCode.MALFORMED_REQUEST.slug());
    }
}
