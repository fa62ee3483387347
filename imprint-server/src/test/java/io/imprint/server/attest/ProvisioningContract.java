package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.Problem;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Retry, receipt and concurrency behaviour over HTTPS, run against every database. */
abstract class ProvisioningContract extends ServerContract {

    @Test
    void attest_lostResponseRetry_sameIdentitySecretsAndCertificateQuotaOnce() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation first = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        ProvisioningResponse r1 = server.client().provisioning(server.client().attest(first.request()));
        // The response is "lost": the device retries with a new challenge and a new ECDH key.
        TestDevice.Attestation second = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        ProvisioningResponse r2 = server.client().provisioning(server.client().attest(second.request()));

        SecretItems s1 = first.open(r1);
        SecretItems s2 = second.open(r2);
        assertThat(r2.serial()).isEqualTo(r1.serial());
        assertThat(s2.value("disk-encryption-key")).isEqualTo(s1.value("disk-encryption-key"));
        assertThat(r2.certificateChain()).isEqualTo(r1.certificateChain());
        assertThat(r2.envelope().ephemeralKey()).isNotEqualTo(r1.envelope().ephemeralKey());
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .containsEntry("issued", 1L).containsEntry("reissued", 1L);
    }

    @Test
    void attest_retryWithNewIdentityKey_newCertificateSameSubject() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation first = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000002");
        ProvisioningResponse r1 = server.client().provisioning(server.client().attest(first.request()));
        device.rotateIdentityKey();
        TestDevice.Attestation second = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000002");
        ProvisioningResponse r2 = server.client().provisioning(server.client().attest(second.request()));

        var c1 = TestDevice.certificate(r1.certificateChain().get(0));
        var c2 = TestDevice.certificate(r2.certificateChain().get(0));
        assertThat(c2.getSerialNumber()).isNotEqualTo(c1.getSerialNumber());
        assertThat(c2.getSubjectX500Principal()).isEqualTo(c1.getSubjectX500Principal());
        assertThat(c2.getPublicKey().getEncoded()).isEqualTo(device.identityPublicKey().getEncoded());
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
        // The receipt must cover the latest chain.
        Reply ok = server.client().receipt(device.receipt(r2, second.open(r2)));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void receipt_wrongThenRightDigest_mismatchThenProvisionedThenChipRefused() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation a = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000003");
        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));
        SecretItems stored = a.open(response);

        Reply wrong = server.client().receipt(device.receipt(response, new byte[32]));
        assertThat(wrong.status()).isEqualTo(ProblemCode.RECEIPT_MISMATCH.httpStatus());
        assertThat(server.client().problem(wrong).code()).isEqualTo("receipt-mismatch");
        assertThat(server.imprint().events().unitsByState(null, null)).containsEntry("issued", 1L);

        ReceiptRequest right = device.receipt(response, stored);
        assertThat(server.client().receiptResponse(server.client().receipt(right)).state()).isEqualTo("provisioned");
        assertThat(server.client().receiptResponse(server.client().receipt(right)).state()).isEqualTo("provisioned");
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));

        Reply again = server.client().attest(
                device.attest(server.client().challenge(TestServer.PRODUCT), "SN000003").request());
        assertThat(server.client().problem(again).code()).isEqualTo("chip-already-provisioned");
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
    }

    @Test
    void receipt_counterfeitSigner_badSignature() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation a = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000004");
        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));
        TestDevice forger = new TestDevice(TestDevice.newMpKey(), hex(device.chipIdHex()), TestServer.PRODUCT);

        Reply reply = server.client().receipt(forger.receipt(response, a.open(response)));
        assertThat(server.client().problem(reply).code()).isEqualTo("bad-signature");
        assertThat(server.imprint().events().unitsByState(null, null)).containsEntry("issued", 1L);
    }

    @Test
    void attest_manyDevicesConcurrently_allIssued() throws Exception {
        server.order("o1", 100, "SN000001..SN000100");
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            String serial = String.format("SN%06d", i);
            jobs.add(() -> attest(server.device(), serial).status());
        }
        assertThat(runAll(jobs)).containsOnly(200).hasSize(50);
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(50);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("issued", 50L));
    }

    @Test
    void attest_lastUnitRace_exactlyQuantityIssued() throws Exception {
        server.order("o1", 5, "SN000001..SN000100");
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            String serial = String.format("SN%06d", i);
            jobs.add(() -> {
                Reply reply = attest(server.device(), serial);
                if (reply.status() != 200) {
                    Problem p = server.client().problem(reply);
                    codes.merge(p.code(), 1, Integer::sum);
                }
                return reply.status();
            });
        }
        List<Integer> statuses = runAll(jobs);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(5);
        assertThat(codes).isEqualTo(Map.of("quota-exhausted", 35));
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(5);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("issued", 5L));
    }

    @Test
    void attest_sameSerialRace_oneChipWins() throws Exception {
        server.order("o1", 100, "SN000001..SN000100");
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            jobs.add(() -> attest(server.device(), "SN000042").status());
        }
        List<Integer> statuses = runAll(jobs);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(9);
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
    }

    private Reply attest(TestDevice device, String serial) throws Exception {
        ChallengeResponse challenge = server.client().challenge(TestServer.PRODUCT);
        return server.client().attest(device.attest(challenge, serial).request());
    }

    private static List<Integer> runAll(List<Callable<Integer>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
