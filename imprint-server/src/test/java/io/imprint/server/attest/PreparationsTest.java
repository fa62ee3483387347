package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.PreparationRequest;
import io.imprint.protocol.message.PreparationResponse;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.method.MethodProof;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.AttestationVerifier;
import io.imprint.server.attest.method.AttestationVerifiers;
import io.imprint.server.attest.method.Preparation;
import io.imprint.server.attest.method.Prepared;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.events.Attempt;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preparation round trip ({@code POST /v1/preparations}) of the method framework: over TLS for the
 * refusals (a method the product does not accept, a method without a preparation step), and with a method that has one (a test
 * double of the SPI: it echoes a field and keeps a state) for what the framework guarantees: once per
 * unused session of a product that accepts the method, the state handed back for that method only.
 */
class PreparationsTest {
    private static final String TPM_PRODUCT = "gateway-t";
    @TempDir Path dir;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite(dir.resolve("data"));
        server.order("PO-1", 10, "SN000001..SN000010");
        server.imprint().products().enroll(new ProductEnrollment(TPM_PRODUCT, "TPM-BOARD", null, null, null,
                TestServer.POLICY, List.of(AttestationMethod.TPM2), null));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void prepare_methodWithoutPreparationStep_malformedAndChallengeStillUsable() throws Exception {
        ChallengeResponse c = server.client().challenge(TestServer.PRODUCT);
        Reply refused = server.client().postJson(DeviceApi.PREPARATIONS, new PreparationRequest("caam-mp",
                c.sessionId(), null));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(server.client().problem(refused).code()).isEqualTo("malformed-request");
        assertThat(server.client().attest(server.device().attest(c, "SN000001").request()).status()).isEqualTo(200);
    }

    @Test
    void prepare_methodTheProductDoesNotAccept_methodNotAcceptedWithEvent() throws Exception {
        ChallengeResponse c = server.client().challenge(TestServer.PRODUCT); // caam-mp only
        Reply refused = server.client().postJson(DeviceApi.PREPARATIONS, new PreparationRequest("tpm2",
                c.sessionId(), Map.of("ekCertificate", "AAAA")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(server.client().problem(refused).code()).isEqualTo("method-not-accepted");
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .containsEntry(ProblemCode.METHOD_NOT_ACCEPTED.slug(), 1L);
    }

    @Test
    void prepare_unknownMethodOrShortSession_malformed() throws Exception {
        ChallengeResponse c = server.client().challenge(TestServer.PRODUCT);
        for (PreparationRequest bad : List.of(new PreparationRequest("nfc-tag", c.sessionId(), null),
                new PreparationRequest(null, c.sessionId(), null),
                new PreparationRequest("tpm2", Base64Field.encode(new byte[8]), null))) {
            Reply refused = server.client().postJson(DeviceApi.PREPARATIONS, bad);
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
    }

    @Test
    void prepare_withPreparationStep_answerOnceAndStateKeptForItsMethodOnly() throws Exception {
        Preparations preparations = preparations();
        ChallengeResponse c = server.client().challenge(TPM_PRODUCT);
        byte[] session = Base64.getDecoder().decode(c.sessionId());
        PreparationResponse answer = preparations.prepare(new PreparationRequest("tpm2", c.sessionId(),
                MethodProof.wire(Map.of("akPublic", new byte[] {1, 2, 3}))), new Attempt());
        assertThat(answer.sessionId()).isEqualTo(c.sessionId());
        assertThat(MethodProof.of(answer.proof()).bytes("credential", 1, 16)).containsExactly(3, 2, 1);
        assertThat(server.imprint().challenges().preparedState(session, AttestationMethod.TPM2)).get()
                .isEqualTo(new byte[] {42, 1, 2, 3});
        assertThat(server.imprint().challenges().preparedState(session, AttestationMethod.PKCS11_SE)).isEmpty();
        refused(ProblemCode.NONCE_USED, () -> preparations.prepare(new PreparationRequest("tpm2", c.sessionId(),
                MethodProof.wire(Map.of("akPublic", new byte[] {9}))), new Attempt()));
        assertThat(server.imprint().challenges().preparedState(session, AttestationMethod.TPM2)).get()
                .as("the first preparation's state stands").isEqualTo(new byte[] {42, 1, 2, 3});
    }

    @Test
    void prepare_sessionOfProductNotAcceptingMethodOrUnknown_refused() throws Exception {
        Preparations preparations = preparations();
        ChallengeResponse mp = server.client().challenge(TestServer.PRODUCT);
        refused(ProblemCode.METHOD_NOT_ACCEPTED, () -> preparations.prepare(new PreparationRequest("tpm2",
                mp.sessionId(), MethodProof.wire(Map.of("akPublic", new byte[] {1}))), new Attempt()));
        refused(ProblemCode.UNKNOWN_SESSION, () -> preparations.prepare(new PreparationRequest("tpm2",
                Base64Field.encode(new byte[16]), MethodProof.wire(Map.of("akPublic", new byte[] {1}))), new Attempt()));
        ChallengeResponse tpm = server.client().challenge(TPM_PRODUCT);
        refused(ProblemCode.MALFORMED_REQUEST, () -> preparations.prepare(new PreparationRequest("tpm2",
                tpm.sessionId(), Map.of("other", "AA==")), new Attempt()));
    }

    /** The framework's preparation step with a tpm2 verifier whose preparation echoes {@code akPublic} reversed. */
    private Preparations preparations() {
        var imprint = server.imprint();
        return new Preparations(imprint.products(), imprint.productMethods(),
                new AttestationVerifiers(List.of(new EchoingVerifier())), imprint.challenges(), imprint.events());
    }

    private static void refused(ProblemCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).as(e.detail()).isEqualTo(code));
    }

    /** A test double of a method with a preparation step (the real tpm2 verifier is another helper's). */
    private static final class EchoingVerifier implements AttestationVerifier, Preparation {
        @Override
        public AttestationMethod method() {
            return AttestationMethod.TPM2;
        }

        @Override
        public VerifiedDevice verify(AttestationInput input) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE, "test double: verifies nothing");
        }

        @Override
        public void verifyReceipt(ReceiptInput input) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE, "test double: verifies nothing");
        }

        @Override
        public Optional<Preparation> preparation() {
            return Optional.of(this);
        }

        @Override
        public Prepared prepare(io.imprint.server.products.Product product, io.imprint.server.products.MethodTrust trust,
                                byte[] sessionId, MethodProof proof) {
            byte[] ak = proof.requireOnly("tpm2", Set.of("akPublic")).bytes("akPublic", 1, 64);
            byte[] reversed = new byte[ak.length];
            for (int i = 0; i < ak.length; i++) {
                reversed[i] = ak[ak.length - 1 - i];
            }
            byte[] state = new byte[ak.length + 1];
            state[0] = 42;
            System.arraycopy(ak, 0, state, 1, ak.length);
            return new Prepared(Map.of("credential", reversed), state);
        }
    }
}
