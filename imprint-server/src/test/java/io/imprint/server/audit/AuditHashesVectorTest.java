package io.imprint.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.testing.DeterministicEcdsa;
import io.imprint.protocol.testing.VectorFile;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;

/** Recomputes {@code vectors/audit-v1.txt} (entry hash, checkpoint bytes and signature) with {@link AuditHashes}. */
class AuditHashesVectorTest {
    private static final VectorFile V = VectorFile.load("audit-v1.txt");

    @Test
    void entryHash_vectorEntry_isTheVectorHash() {
        byte[] entry = AuditHashes.entryBytes(V.number("seq"), V.hex("prevHash"), V.number("recordedAt"),
                V.text("kind"), V.text("actor"), V.text("payload"));
        assertThat(entry).isEqualTo(V.hex("entry"));
        assertThat(AuditHashes.entryHash(V.number("seq"), V.hex("prevHash"), V.number("recordedAt"), V.text("kind"),
                V.text("actor"), V.text("payload"))).isEqualTo(V.hex("entryHash"));
        assertThat(AuditHashes.genesis()).isEqualTo(V.hex("prevHash"));
    }

    @Test
    void checkpoint_vector_isSignedByTheAuditKey() throws Exception {
        byte[] checkpoint = AuditHashes.checkpointBytes(V.number("seq"), V.hex("entryHash"), V.number("signedAt"));
        assertThat(checkpoint).isEqualTo(V.hex("checkpoint"));
        assertThat(DeterministicEcdsa.sign(new BigInteger(1, V.hex("auditScalar")), checkpoint))
                .isEqualTo(V.hex("signature"));
        ECPublicKey key = EcPoints.fromUncompressed(V.hex("auditPublicKey"), EcPoints.curve("secp256r1"));
        assertThatCode(() -> AuditKey.verify(key, checkpoint, V.hex("signature"))).doesNotThrowAnyException();
    }
}
