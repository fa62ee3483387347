package io.imprint.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.cli.backend.Tpm2Line;
import io.imprint.device.agent.AgentOptions;
import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.storage.SecureStore;
import io.imprint.device.tpm.Tpm2AttestationKey;
import io.imprint.device.tpm.Tpm2Backend;
import io.imprint.device.tpm.Tpm2Device;
import io.imprint.device.tpm.Tpm2SealedStore;
import io.imprint.device.tpm.TpmCommandException;
import io.imprint.device.tpm.TpmQuote;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.tpm.CredentialBlob;
import io.imprint.protocol.tpm.QuoteSignature;
import io.imprint.protocol.tpm.Tpm2Fields;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals particular to TPM 2.0, over a real server and swtpm devices: an AK that lives in another
 * TPM than the certified EK (a relay) is refused, and so is evidence over another nonce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tpm2RefusalsTest {
    private Path tmp;
    private ContractServer server;
    private Tpm2Line line;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        server = new ContractServer(dir.resolve("server"));
        line = new Tpm2Line(dir.resolve("line"));
    }

    @AfterAll
    void stop() throws Exception {
        if (line != null) {
            line.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void attest_akInAnotherTpmThanTheCertifiedEk_refusedUntrustedDevice() throws Exception {
        String product = server.product(line, 5);
        Tpm2Device certifiedTpm = line.tpm(tmp.resolve("certified"), true);
        Tpm2Device otherTpm = line.tpm(tmp.resolve("other"), true);
        DeviceBackend certified = new Tpm2Backend(certifiedTpm,
                new Tpm2SealedStore(certifiedTpm, tmp.resolve("certified/sealed"), ""),
                new PlatformClaims(PlatformClaims.NO_SRK_HASH, "closed"));
        Relay relay = new Relay(certified, certifiedTpm, otherTpm);

        assertRefused(ProblemCode.UNTRUSTED_DEVICE, () -> new ProvisioningAgent(relay, server.client(),
                AgentOptions.defaults()).provision(product, "SN000001", "1.0.0"));
        assertThat(relay.activationFailed).as("the other TPM cannot activate a credential for the certified EK")
                .isTrue();
        assertThat(server.order(product).used()).isZero();
    }

    @Test
    void attest_evidenceOverAnotherNonce_refusedNonceMismatch() throws Exception {
        String product = server.product(line, 5);
        ProvisioningAgent agent = new ProvisioningAgent(line.genuine(tmp.resolve("d2")), server.client(),
                AgentOptions.defaults());
        ChallengeResponse real = server.client().challenge(product);
        ChallengeResponse otherNonce = new ChallengeResponse(real.sessionId(),
                Base64.getEncoder().encodeToString(Providers.randomBytes(32)), real.expiresAt());
        PreparedAttestation prepared = agent.prepare(otherNonce, product, "SN000002", "1.0.0");

        assertRefused(ProblemCode.NONCE_MISMATCH, () -> server.client().attest(prepared.request()));
        assertThat(server.order(product).used()).isZero();
    }

    private static void assertRefused(ProblemCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).as(e.detail()).isEqualTo(code));
    }

    /**
     * A forger: presents the EK certificate and EK of a genuine TPM, but an AK of another TPM it
     * controls, and quotes with that AK. The other TPM cannot activate the credential, so the forger
     * sends a guess.
     */
    private static final class Relay implements DeviceBackend {
        private final DeviceBackend certified;
        private final Tpm2Device certifiedTpm;
        private final Tpm2Device otherTpm;
        boolean activationFailed;

        Relay(DeviceBackend certified, Tpm2Device certifiedTpm, Tpm2Device otherTpm) {
            this.certified = certified;
            this.certifiedTpm = certifiedTpm;
            this.otherTpm = otherTpm;
        }

        @Override public AttestationMethod method() { return AttestationMethod.TPM2; }
        @Override public byte[] chipId() throws IOException, GeneralSecurityException { return certified.chipId(); }
        @Override public PlatformClaims claims() throws IOException, GeneralSecurityException {
            return certified.claims();
        }
        @Override public SecureStore store() { return certified.store(); }
        @Override public String description() { return "relay of another TPM's AK"; }

        @Override
        public DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
                throws IOException, GeneralSecurityException, InterruptedException {
            try (Tpm2AttestationKey genuine = certifiedTpm.createAttestationKey();
                 Tpm2AttestationKey foreign = otherTpm.createAttestationKey()) {
                Map<String, byte[]> answer = channel.exchange(Map.of(
                        Tpm2Fields.EK_CERTIFICATE, certifiedTpm.ekCertificate(),
                        Tpm2Fields.EK_PUBLIC, genuine.ekPublic(), Tpm2Fields.AK_PUBLIC, foreign.akPublic()));
                byte[] credential;
                try {
                    credential = foreign.activate(new CredentialBlob(answer.get(Tpm2Fields.CREDENTIAL_BLOB),
                            answer.get(Tpm2Fields.ENCRYPTED_SECRET)));
                } catch (TpmCommandException expected) {
                    activationFailed = true;
                    credential = Providers.randomBytes(Tpm2Fields.CREDENTIAL_BYTES);
                }
                TpmQuote quote = foreign.quote(MessageDigest.getInstance("SHA-256").digest(evidence));
                return new DeviceSignature(new QuoteSignature(quote.attest(), quote.signature()).encode(), null,
                        Map.of(Tpm2Fields.CREDENTIAL, credential));
            }
        }

        @Override
        public DeviceSignature signReceipt(byte[] receipt) {
            throw new IllegalStateException("never reached");
        }
    }
}
