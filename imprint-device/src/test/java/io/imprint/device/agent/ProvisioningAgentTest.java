package io.imprint.device.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.device.client.TestTlsServer;
import io.imprint.device.client.TestTlsServer.Reply;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningAgentTest {
    static final byte[] SRK = new byte[32];
    static final byte[] SEED = "emulated fuse seed for tests 01".getBytes();

    @TempDir
    Path dir;
    EmulatedCaamChip chip;
    EmulatedCaamBlobStore store;
    TestIssuer issuer;
    ProvisioningClient unusedClient;

    @BeforeEach
    void setUp() throws Exception {
        chip = EmulatedCaamChip.builder("MIMX8MM6", SRK, SEED).mpmr(Mpmr.OPTEE_FILL).build();
        store = new EmulatedCaamBlobStore(dir, chip);
        issuer = new TestIssuer();
        unusedClient = new ProvisioningClient(java.net.URI.create("https://127.0.0.1:9"), ServerTrust.pinned("00".repeat(32)),
                RetryPolicy.none());
    }

    ProvisioningAgent agent(ProvisioningClient client) {
        return new ProvisioningAgent(chip, chip, store, client);
    }

    @Test
    void prepare_signedEvidence_decodesAndVerifiesWithMpVerifier() throws Exception {
        var challenge = TestIssuer.challenge();
        PreparedAttestation p = agent(unusedClient).prepare(challenge, "gateway", "SN-0001", "1.4.2");
        AttestationRequest req = p.request();
        byte[] evidenceBytes = Base64.getDecoder().decode(req.evidence());
        Evidence e = EvidenceCodec.decode(evidenceBytes);
        assertThat(e.product()).isEqualTo("gateway");
        assertThat(e.serial()).isEqualTo("SN-0001");
        assertThat(e.chipId()).isEqualTo(chip.chipId());
        assertThat(e.metadata().srkHash()).isEqualTo(SRK);
        assertThat(e.metadata().softwareVersion()).isEqualTo("1.4.2");
        assertThat(e.metadata().lifecycle()).isEqualTo("closed");
        assertThat(Base64Field.encode(e.sessionId())).isEqualTo(challenge.sessionId());
        assertThat(Base64Field.encode(e.nonce())).isEqualTo(challenge.nonce());
        assertThat(e.deviceKey()).hasSize(65).startsWith(0x04);
        assertThat(new JcaPKCS10CertificationRequest(e.csr()).getSubject().toString()).isEqualTo("CN=SN-0001");
        Mpmr mpmr = Mpmr.of(Base64.getDecoder().decode(req.mpmr()));
        assertThat(mpmr).isEqualTo(Mpmr.OPTEE_FILL);
        assertThatCode(() -> MpVerifier.verify(chip.publicKey(), mpmr, evidenceBytes,
                Base64.getDecoder().decode(req.signature()))).doesNotThrowAnyException();
    }

    @Test
    void prepare_twice_reusesIdentityKeyButNotEcdhKey() throws Exception {
        ProvisioningAgent agent = agent(unusedClient);
        Evidence first = agent.prepare(TestIssuer.challenge(), "gateway", "", "1.0").evidence();
        assertThat(store.names()).containsExactly("identity-key");
        Evidence second = new ProvisioningAgent(chip, chip, new EmulatedCaamBlobStore(dir, chip), unusedClient)
                .prepare(TestIssuer.challenge(), "gateway", "", "1.0").evidence();
        assertThat(csrKey(second)).isEqualTo(csrKey(first));
        assertThat(second.deviceKey()).isNotEqualTo(first.deviceKey());
        assertThat(new JcaPKCS10CertificationRequest(first.csr()).getSubject().toString()).isEqualTo("CN=" + chip.chipIdHex());
    }

    @Test
    void store_validResponse_storesAllAndSignsReceiptOverStoredDigest() throws Exception {
        ProvisioningAgent agent = agent(unusedClient);
        PreparedAttestation p = agent.prepare(TestIssuer.challenge(), "gateway", "SN-0001", "1.0");
        SecretItems items = TestIssuer.items();
        ProvisioningResponse response = issuer.issue(p.evidenceBytes(), "SN-0001", items);
        StoredUnit unit = agent.store(p, response);
        assertThat(unit.secretNames()).containsExactly("disk-key", "cloud.token");
        assertThat(store.names()).containsExactly("certificate-chain", "cloud.token", "disk-key", "identity-key");
        assertThat(store.get("disk-key")).hasValueSatisfying(v -> assertThat(v).isEqualTo(items.value("disk-key")));
        ReceiptRequest rr = unit.receipt();
        byte[] receiptBytes = Base64.getDecoder().decode(rr.receipt());
        Receipt receipt = ReceiptCodec.decode(receiptBytes);
        List<byte[]> chainDer = List.of(unit.certificateChain().get(0).getEncoded(), issuer.ca.getEncoded());
        assertThat(receipt.storedDigest()).isEqualTo(StoredDigest.of(items, chainDer));
        assertThat(receipt.serial()).isEqualTo("SN-0001");
        MpVerifier.verify(chip.publicKey(), Mpmr.of(Base64.getDecoder().decode(rr.mpmr())), receiptBytes,
                Base64.getDecoder().decode(rr.signature()));
    }

    @Test
    void store_tamperedEnvelope_storesNothing() throws Exception {
        ProvisioningAgent agent = agent(unusedClient);
        PreparedAttestation p = agent.prepare(TestIssuer.challenge(), "gateway", "SN-0001", "1.0");
        ProvisioningResponse good = issuer.issue(p.evidenceBytes(), "SN-0001", TestIssuer.items());
        byte[] ct = Base64.getDecoder().decode(good.envelope().ciphertext());
        ct[5] ^= 1;
        ProvisioningResponse tampered = new ProvisioningResponse(good.sessionId(), good.serial(),
                new EnvelopeMessage(good.envelope().ephemeralKey(), good.envelope().iv(), Base64Field.encode(ct)),
                good.certificateChain(), good.state());
        assertThatThrownBy(() -> agent.complete(p, tampered)).isInstanceOf(GeneralSecurityException.class);
        assertThat(store.names()).containsExactly("identity-key");
    }

    @Test
    void store_certificateForAnotherKey_storesNothing() throws Exception {
        ProvisioningAgent agent = agent(unusedClient);
        PreparedAttestation p = agent.prepare(TestIssuer.challenge(), "gateway", "SN-0001", "1.0");
        ProvisioningResponse wrongCert = issuer.issue(p.evidenceBytes(), "SN-0001", TestIssuer.items(),
                issuer.caKey.getPublic());
        assertThatThrownBy(() -> agent.store(p, wrongCert)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("identity key");
        assertThat(store.names()).containsExactly("identity-key");
    }

    @Test
    void store_responseForAnotherEvidence_storesNothing() throws Exception {
        ProvisioningAgent agent = agent(unusedClient);
        PreparedAttestation first = agent.prepare(TestIssuer.challenge(), "gateway", "SN-0001", "1.0");
        PreparedAttestation second = agent.prepare(TestIssuer.challenge(), "gateway", "SN-0001", "1.0");
        ProvisioningResponse forFirst = issuer.issue(first.evidenceBytes(), "SN-0001", TestIssuer.items());
        assertThatThrownBy(() -> agent.store(second, forFirst)).isInstanceOf(GeneralSecurityException.class);
        assertThat(store.names()).containsExactly("identity-key");
    }

    @Test
    void provision_lostAttestationResponse_startsOverAndCompletes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicInteger attestations = new AtomicInteger();
        try (TestTlsServer server = new TestTlsServer("127.0.0.1")) {
            server.script(seen -> {
                try {
                    return switch (seen.path()) {
                        case "/v1/challenges" -> Reply.json(201, json.writeValueAsString(TestIssuer.challenge()));
                        case "/v1/attestations" -> {
                            if (attestations.incrementAndGet() == 1) {
                                yield null;
                            }
                            AttestationRequest req = json.readValue(seen.body(), AttestationRequest.class);
                            byte[] ev = Base64.getDecoder().decode(req.evidence());
                            MpVerifier.verify(chip.publicKey(), Mpmr.of(Base64.getDecoder().decode(req.mpmr())), ev,
                                    Base64.getDecoder().decode(req.signature()));
                            yield Reply.json(200, json.writeValueAsString(issuer.issue(ev, "SN-0042", TestIssuer.items())));
                        }
                        default -> Reply.json(200, "{\"sessionId\":\"x\",\"serial\":\"SN-0042\",\"state\":\"provisioned\"}");
                    };
                } catch (Exception e) {
                    return Reply.problem(500, "internal", e.toString());
                }
            });
            RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5));
            try (ProvisioningClient client = new ProvisioningClient(server.uri(), ServerTrust.pinned(server.fingerprint()), fast)) {
                ProvisioningResult result = agent(client).provision("gateway", "", "1.0");
                assertThat(result.serial()).isEqualTo("SN-0042");
                assertThat(result.state()).isEqualTo("provisioned");
                assertThat(result.subject()).isEqualTo("CN=SN-0042");
                assertThat(result.subjectAltNames()).containsExactly("URI:urn:imprint:chip:" + chip.chipIdHex());
                assertThat(result.secretNames()).containsExactly("disk-key", "cloud.token");
            }
            assertThat(server.seen()).extracting(TestTlsServer.Seen::path).containsExactly(
                    "/v1/challenges", "/v1/attestations", "/v1/challenges", "/v1/attestations", "/v1/receipts");
            List<byte[]> csrKeys = server.seen().stream().filter(s -> s.path().equals("/v1/attestations"))
                    .map(s -> csrKeyOf(json, s.body())).toList();
            assertThat(csrKeys.get(1)).isEqualTo(csrKeys.get(0));
        }
    }

    @Test
    void provision_lostReceiptAnswer_nextRunSendsSameReceiptAndDoesNotAttestAgain() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicInteger receipts = new AtomicInteger();
        try (TestTlsServer server = new TestTlsServer("127.0.0.1")) {
            server.script(seen -> scripted(json, seen, () -> receipts.incrementAndGet() <= 2 ? null
                    : Reply.json(200, "{\"sessionId\":\"x\",\"serial\":\"SN-0042\",\"state\":\"provisioned\"}")));
            RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5));
            try (ProvisioningClient client = new ProvisioningClient(server.uri(), ServerTrust.pinned(server.fingerprint()), fast)) {
                assertThatThrownBy(() -> agent(client).provision("gateway", "", "1.0")).isInstanceOf(java.io.IOException.class);
                assertThat(store.names()).contains(PendingReceipt.NAME);

                ProvisioningResult result = agent(client).provision("gateway", "", "1.0");

                assertThat(result.state()).isEqualTo("provisioned");
                assertThat(result.serial()).isEqualTo("SN-0042");
                assertThat(result.subject()).isEqualTo("CN=SN-0042");
                assertThat(result.secretNames()).containsExactly("disk-key", "cloud.token");
            }
            assertThat(server.seen()).extracting(TestTlsServer.Seen::path).containsExactly(
                    "/v1/challenges", "/v1/attestations", "/v1/receipts", "/v1/receipts", "/v1/receipts");
            List<String> bodies = server.seen().stream().filter(s -> s.path().equals("/v1/receipts"))
                    .map(TestTlsServer.Seen::body).toList();
            assertThat(bodies.get(2)).as("the same receipt, not a new attestation").isEqualTo(bodies.get(0));
            assertThat(store.names()).doesNotContain(PendingReceipt.NAME);
        }
    }

    @Test
    void provision_pendingReceiptRefused_dropsItAndAttestsAnew() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicInteger receipts = new AtomicInteger();
        try (TestTlsServer server = new TestTlsServer("127.0.0.1")) {
            server.script(seen -> scripted(json, seen, () -> switch (receipts.incrementAndGet()) {
                case 1, 2 -> null;
                case 3 -> Reply.problem(409, "session-not-issued", "a newer session holds this chip");
                default -> Reply.json(200, "{\"sessionId\":\"x\",\"serial\":\"SN-0042\",\"state\":\"provisioned\"}");
            }));
            RetryPolicy fast = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5));
            try (ProvisioningClient client = new ProvisioningClient(server.uri(), ServerTrust.pinned(server.fingerprint()), fast)) {
                assertThatThrownBy(() -> agent(client).provision("gateway", "", "1.0")).isInstanceOf(java.io.IOException.class);

                assertThat(agent(client).provision("gateway", "", "1.0").state()).isEqualTo("provisioned");
            }
            assertThat(server.seen()).extracting(TestTlsServer.Seen::path).containsExactly(
                    "/v1/challenges", "/v1/attestations", "/v1/receipts", "/v1/receipts",
                    "/v1/receipts", "/v1/challenges", "/v1/attestations", "/v1/receipts");
        }
    }

    /** Challenges and attestations answered by the test issuer; receipts as {@code receipt} says (null drops the connection). */
    private Reply scripted(ObjectMapper json, TestTlsServer.Seen seen, java.util.function.Supplier<Reply> receipt) {
        try {
            return switch (seen.path()) {
                case "/v1/challenges" -> Reply.json(201, json.writeValueAsString(TestIssuer.challenge()));
                case "/v1/attestations" -> {
                    AttestationRequest req = json.readValue(seen.body(), AttestationRequest.class);
                    byte[] ev = Base64.getDecoder().decode(req.evidence());
                    yield Reply.json(200, json.writeValueAsString(issuer.issue(ev, "SN-0042", TestIssuer.items())));
                }
                default -> receipt.get();
            };
        } catch (Exception e) {
            return Reply.problem(500, "internal", e.toString());
        }
    }

    @Test
    void provision_503ToAttestationAndReceipt_startsOverWithFreshChallengeAndResendsReceipt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AtomicInteger attestations = new AtomicInteger();
        AtomicInteger receipts = new AtomicInteger();
        try (TestTlsServer server = new TestTlsServer("127.0.0.1")) {
            server.script(seen -> {
                try {
                    return switch (seen.path()) {
                        case "/v1/challenges" -> Reply.json(201, json.writeValueAsString(TestIssuer.challenge()));
                        case "/v1/attestations" -> {
                            if (attestations.incrementAndGet() == 1) {
                                yield unavailable();
                            }
                            AttestationRequest req = json.readValue(seen.body(), AttestationRequest.class);
                            byte[] ev = Base64.getDecoder().decode(req.evidence());
                            yield Reply.json(200, json.writeValueAsString(issuer.issue(ev, "SN-0043", TestIssuer.items())));
                        }
                        default -> receipts.incrementAndGet() == 1 ? unavailable()
                                : Reply.json(200, "{\"sessionId\":\"x\",\"serial\":\"SN-0043\",\"state\":\"provisioned\"}");
                    };
                } catch (Exception e) {
                    return Reply.problem(500, "internal", e.toString());
                }
            });
            RetryPolicy fast = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
            try (ProvisioningClient client = new ProvisioningClient(server.uri(), ServerTrust.pinned(server.fingerprint()), fast)) {
                ProvisioningResult result = agent(client).provision("gateway", "", "1.0");
                assertThat(result.state()).isEqualTo("provisioned");
            }
            assertThat(server.seen()).extracting(TestTlsServer.Seen::path).containsExactly(
                    "/v1/challenges", "/v1/attestations", "/v1/challenges", "/v1/attestations", "/v1/receipts",
                    "/v1/receipts");
            List<String> bodies = server.seen().stream().filter(s -> s.path().equals("/v1/attestations"))
                    .map(TestTlsServer.Seen::body).toList();
            assertThat(bodies.get(1)).isNotEqualTo(bodies.get(0));
        }
    }

    private static Reply unavailable() {
        Reply p = Reply.problem(503, "unavailable", "the store is briefly unavailable");
        return new Reply(p.status(), p.contentType(), p.body(), "1");
    }

    private static byte[] csrKey(Evidence e) throws Exception {
        return new JcaPKCS10CertificationRequest(e.csr()).getPublicKey().getEncoded();
    }

    private static byte[] csrKeyOf(ObjectMapper json, String body) {
        try {
            return csrKey(EvidenceCodec.decode(Base64.getDecoder().decode(json.readValue(body, AttestationRequest.class).evidence())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
