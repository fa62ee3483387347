package io.imprint.protocol.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MethodProofTest {
    @Test
    void wireThenOf_roundTripsBytesAndNamesOnly() {
        MethodProof proof = MethodProof.of(MethodProof.wire(Map.of("deviceCertificate", new byte[] {1, 2, 3})));
        assertThat(proof.bytes("deviceCertificate", 1, 3)).containsExactly(1, 2, 3);
        assertThat(proof.optional("intermediateCertificates", 1, 10)).isEmpty();
        assertThat(proof).hasToString("MethodProof[deviceCertificate]");
        assertThat(MethodProof.of(null).isEmpty()).isTrue();
    }

    @Test
    void of_tooManyFieldsBadNameOrMissingValue_malformed() {
        Map<String, String> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("f" + i, "AA==");
        }
        malformed(() -> MethodProof.of(nine));
        malformed(() -> MethodProof.of(Map.of("Device", "AA==")));
        malformed(() -> MethodProof.of(Map.of("a-b", "AA==")));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("a", null);
        malformed(() -> MethodProof.of(nullValue));
    }

    @Test
    void requireOnlyAndBytes_unknownFieldOrOutOfBounds_malformed() {
        MethodProof proof = MethodProof.of(Map.of("akPublic", "AAEC"));
        malformed(() -> proof.requireOnly("tpm2", Set.of("ekCertificate")));
        assertThat(proof.requireOnly("tpm2", Set.of("akPublic", "ekCertificate"))).isSameAs(proof);
        malformed(() -> proof.bytes("akPublic", 4, 10));
        malformed(() -> proof.bytes("akPublic", 1, 2));
        malformed(() -> proof.bytes("ekCertificate", 1, 10));
        malformed(() -> MethodProof.of(Map.of("a", "AAE")).bytes("a", 1, 10));
    }

    @Test
    void attestationMethod_slugsAndAbsentMethod() {
        assertThat(AttestationMethod.fromSlug("pkcs11-se")).isEqualTo(AttestationMethod.PKCS11_SE);
        assertThat(AttestationMethod.ofRequest(null)).isEqualTo(AttestationMethod.CAAM_MP);
        assertThat(AttestationMethod.TPM2.slug()).isEqualTo("tpm2");
        malformed(() -> AttestationMethod.fromSlug("CAAM-MP"));
        malformed(() -> AttestationMethod.ofRequest(""));
    }

    private static void malformed(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }
}
