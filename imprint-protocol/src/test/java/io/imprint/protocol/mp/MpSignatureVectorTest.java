package io.imprint.protocol.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import java.util.Arrays;
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

    @Test
    void verify_nxpVectorWithSReplacedByNMinusS_alsoVerifies() throws Exception {
        // docs/protocol.md: high-S signatures are accepted (both s and n - s verify); harmless because
        // every signed message is bound to a single-use challenge or to one issuance.
        byte[] rs = V.hex("signature");
        BigInteger n = MpCurve.P256.spec().getOrder();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
        byte[] other = Arrays.copyOf(rs, 64);
        byte[] flipped = n.subtract(s).toByteArray();
        System.arraycopy(flipped, Math.max(0, flipped.length - 32), other, 64 - Math.min(32, flipped.length),
                Math.min(32, flipped.length));
        assertThat(other).isNotEqualTo(rs);
        MpPublicKey key = MpPublicKey.fromRaw(V.hex("mpPublicKey"));
        assertThatCode(() -> MpVerifier.verify(key, Mpmr.of(V.hex("mpmr")), V.hex("message"), other))
                .doesNotThrowAnyException();
    }
}
