package io.imprint.protocol.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.testing.VectorFile;
import org.junit.jupiter.api.Test;

/**
 * Pins the MP signature format to {@code vectors/mp-signature-v1.txt}, NXP's known answer (the
 * negative cases are in {@link MpVerifierTest}).
 */
class MpSignatureVectorTest {
    private static final VectorFile V = VectorFile.load("mp-signature-v1.txt");

    @Test
    void digest_nxpVector_equalsPrintedDigest() {
        assertThat(MpDigest.of(Mpmr.of(V.hex("mpmr")), V.hex("message"))).isEqualTo(V.hex("mpDigest"));
    }

    @Test
    void verify_nxpVector_verifies() throws Exception {
        MpPublicKey key = MpPublicKey.fromRaw(V.hex("mpPublicKey"));
        assertThatCode(() -> MpVerifier.verify(key, Mpmr.of(V.hex("mpmr")), V.hex("message"), V.hex("signature")))
                .doesNotThrowAnyException();
    }
}
