package io.imprint.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.device.agent.AgentOptions;
import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.agent.ProvisioningResult;
import io.imprint.device.agent.StoredUnit;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.events.EventLog;
import io.imprint.server.products.ProductEnrollment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every device backend meets, run unchanged against each one over a real server (TLS
 * 1.3 on loopback, SQLite): provisioning, a retry after a lost attestation answer, receipts, every
 * refusal class, and the backend's secure store. A backend's subclass supplies its
 * {@link DeviceLine} (genuine devices, untrusted ones, and the product enrollment that trusts the
 * genuine ones); {@link #tearDownLine} releases what the line started.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeviceBackendContract {
    private static final String VERSION = "1.0.0";
    private Path tmp;
    private ContractServer server;
    private DeviceLine line;
    private final AtomicInteger devices = new AtomicInteger();

    /** The backend's product line, its state under {@code dir}. */
    protected abstract DeviceLine line(Path dir) throws Exception;

    @BeforeAll
    void startServerAndLine(@TempDir Path dir) throws Exception {
        tmp = dir;
        server = new ContractServer(tmp.resolve("server"));
        line = line(tmp.resolve("line"));
    }

    @AfterAll
    void tearDownLine() throws Exception {
        if (line != null) {
            line.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void provision_genuineDevice_provisionedWithSecretsInItsStore() throws Exception {
        String product = server.product(line, 5);
        DeviceBackend device = genuine();
        ProvisioningResult r = agent(device).provision(product, "SN000001", VERSION);
        assertThat(r.state()).isEqualTo("provisioned");
        assertThat(r.serial()).isEqualTo("SN000001");
        assertThat(r.secretNames()).containsExactly("disk-encryption-key", "cloud-token");
        assertThat(device.store().get("disk-encryption-key")).get().satisfies(v -> assertThat(v).hasSize(32));
        assertThat(device.store().get("cloud-token")).get().satisfies(v -> assertThat(v).hasSize(16));
        assertThat(r.subjectAltNames()).containsExactly(
                "URI:urn:imprint:chip:" + java.util.HexFormat.of().withUpperCase().formatHex(device.chipId()));
        assertThat(server.imprint().events().unitsByState(product, null)).containsEntry("provisioned", 1L);
        assertThat(server.order(product).used()).isEqualTo(1);
    }

    @Test
    void attest_lostAnswerThenRetry_sameIdentityAndOneUnitOfQuota() throws Exception {
        String product = server.product(line, 5);
        DeviceBackend device = genuine();
        ProvisioningAgent agent = agent(device);
        PreparedAttestation first = agent.prepare(server.client().challenge(product), product, "SN000002", VERSION);
        ProvisioningResponse lost = server.client().attest(first.request()); // the answer never reaches the device
        ProvisioningResult r = agent.provision(product, "SN000002", VERSION);
        assertThat(r.state()).isEqualTo("provisioned");
        assertThat(r.serial()).isEqualTo(lost.serial());
        assertThat(pem(r.certificate())).isEqualTo(lost.certificateChain().get(0).strip());
        assertThat(server.order(product).used()).as("one unit of quota for both attempts").isEqualTo(1);
        Map<String, Long> outcomes = server.imprint().events().countsByOutcome(product, null);
        assertThat(outcomes).containsEntry(EventLog.ISSUED, 1L).containsEntry(EventLog.REISSUED, 1L)
                .containsEntry(EventLog.PROVISIONED, 1L);
    }

    @Test
    void receipt_sentTwice_provisionedOnceAndAnsweredAgain() throws Exception {
        String product = server.product(line, 5);
        ProvisioningAgent agent = agent(genuine());
        PreparedAttestation prepared = agent.prepare(server.client().challenge(product), product, "SN000003", VERSION);
        StoredUnit stored = agent.store(prepared, server.client().attest(prepared.request()));
        ReceiptResponse first = server.client().confirm(stored.receipt());
        ReceiptResponse again = server.client().confirm(stored.receipt());
        assertThat(first.state()).isEqualTo("provisioned");
        assertThat(again).isEqualTo(first);
        assertThat(server.imprint().events().countsByOutcome(product, null))
                .containsEntry(EventLog.PROVISIONED, 1L).containsEntry(EventLog.RECEIPT_REPEATED, 1L);
    }

    @Test
    void attest_replayedRequest_refusedNonceUsed() throws Exception {
        String product = server.product(line, 5);
        ProvisioningAgent agent = agent(genuine());
        PreparedAttestation prepared = agent.prepare(server.client().challenge(product), product, "SN000004", VERSION);
        server.client().attest(prepared.request());
        assertRefused(ProblemCode.NONCE_USED, () -> server.client().attest(prepared.request()));
        assertThat(server.order(product).used()).isEqualTo(1);
    }

    @Test
    void attest_secondDeviceClaimsUsedSerial_refusedSerialInUse() throws Exception {
        String product = server.product(line, 5);
        agent(genuine()).provision(product, "SN000005", VERSION);
        assertRefused(ProblemCode.SERIAL_IN_USE, () -> agent(genuine()).provision(product, "SN000005", VERSION));
        assertThat(server.order(product).used()).isEqualTo(1);
    }

    @Test
    void attest_provisionedDeviceAgain_refusedAsClone() throws Exception {
        String product = server.product(line, 5);
        DeviceBackend device = genuine();
        agent(device).provision(product, "SN000006", VERSION);
        assertRefused(ProblemCode.CHIP_ALREADY_PROVISIONED, () -> attest(device, product, "SN000006"));
        assertRefused(ProblemCode.CHIP_SERIAL_MISMATCH, () -> attest(genuineIssued(product, "SN000007"), product,
                "SN000008"));
        assertThat(ProblemCode.CHIP_ALREADY_PROVISIONED.alertClass().name()).isEqualTo("CLONE");
    }

    @Test
    void attest_quotaUsedUp_refusedQuotaExhausted() throws Exception {
        String product = server.product(line, 1);
        agent(genuine()).provision(product, "SN000009", VERSION);
        assertRefused(ProblemCode.QUOTA_EXHAUSTED, () -> agent(genuine()).provision(product, "SN000010", VERSION));
        assertThat(server.order(product).used()).isEqualTo(1);
    }

    @Test
    void attest_serialOutsideEveryOrder_refusedSerialNotAuthorized() throws Exception {
        String product = server.product(line, 5);
        assertRefused(ProblemCode.SERIAL_NOT_AUTHORIZED, () -> agent(genuine()).provision(product, "SN900000", VERSION));
        assertThat(server.imprint().events().unitsByState(product, null)).isEmpty();
    }

    @Test
    void attest_productAcceptsAnotherMethodOnly_refusedMethodNotAccepted() throws Exception {
        AttestationMethod other = line.method() == AttestationMethod.TPM2 ? AttestationMethod.PKCS11_SE
                : AttestationMethod.TPM2;
        String product = server.product(new ProductEnrollment(server.nextName(), "PART-1", null, null,
                ContractServer.SECRETS, line.policy(), List.of(other), null), 5);
        assertRefused(ProblemCode.METHOD_NOT_ACCEPTED, () -> agent(genuine()).provision(product, "SN000011", VERSION));
        assertThat(server.imprint().events().countsByOutcome(product, null))
                .containsEntry(ProblemCode.METHOD_NOT_ACCEPTED.slug(), 1L);
    }

    @Test
    void attest_evidenceChangedAfterSigning_refusedBadSignature() throws Exception {
        String product = server.product(line, 5);
        ProvisioningAgent agent = agent(genuine());
        PreparedAttestation prepared = agent.prepare(server.client().challenge(product), product, "SN000012", VERSION);
        AttestationRequest genuine = prepared.request();
        byte[] evidence = Base64.getDecoder().decode(genuine.evidence());
        evidence[evidence.length - 3] ^= 0x01; // inside the CSR's signature: still well-formed, no longer signed
        AttestationRequest tampered = new AttestationRequest(genuine.method(),
                Base64.getEncoder().encodeToString(evidence), genuine.mpmr(), genuine.signature(), genuine.proof());
        assertRefused(ProblemCode.BAD_SIGNATURE, () -> server.client().attest(tampered));
        assertThat(server.imprint().events().unitsByState(product, null)).isEmpty();
    }

    @Test
    void attest_deviceOfAnotherRoot_refused() throws Exception {
        String product = server.product(line, 5);
        DeviceBackend untrusted = line.untrusted(tmp.resolve("untrusted-" + devices.incrementAndGet()));
        assertRefused(line.untrustedRefusal(), () -> agent(untrusted).provision(product, "SN000013", VERSION));
        assertThat(line.untrustedRefusal().alertClass().name()).isEqualTo("COUNTERFEIT");
        assertThat(server.imprint().events().unitsByState(product, null)).isEmpty();
    }

    @Test
    void secureStore_putGetOverwrite_returnsLatestValue() throws Exception {
        SecureStore store = genuine().store();
        assertThat(store.get("contract-item")).isEmpty();
        store.put("contract-item", "first".getBytes(StandardCharsets.US_ASCII));
        assertThat(store.get("contract-item")).get().isEqualTo("first".getBytes(StandardCharsets.US_ASCII));
        store.put("contract-item", "second value".getBytes(StandardCharsets.US_ASCII));
        assertThat(store.get("contract-item")).get().isEqualTo("second value".getBytes(StandardCharsets.US_ASCII));
        store.put("other-item", new byte[] {0, 1, 2});
        assertThat(store.names()).contains("contract-item", "other-item");
        store.delete("contract-item");
        assertThat(store.get("contract-item")).isEmpty();
        assertThat(store.get("other-item")).get().isEqualTo(new byte[] {0, 1, 2});
    }

    /** A genuine device of the line, with its own state directory. */
    protected DeviceBackend genuine() throws Exception {
        return line.genuine(tmp.resolve("device-" + devices.incrementAndGet()));
    }

    private DeviceBackend genuineIssued(String product, String serial) throws Exception {
        DeviceBackend device = genuine();
        attest(device, product, serial);
        return device;
    }

    private ProvisioningResponse attest(DeviceBackend device, String product, String serial) throws Exception {
        PreparedAttestation p = agent(device).prepare(server.client().challenge(product), product, serial, VERSION);
        return server.client().attest(p.request());
    }

    private ProvisioningAgent agent(DeviceBackend device) {
        return new ProvisioningAgent(device, server.client(), AgentOptions.defaults());
    }

    private static void assertRefused(ProblemCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).as(e.detail()).isEqualTo(code));
    }

    private static String pem(java.security.cert.X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----";
    }
}
