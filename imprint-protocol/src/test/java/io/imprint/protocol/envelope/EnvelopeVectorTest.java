package io.imprint.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.testing.FixedKeys;
import io.imprint.protocol.testing.VectorFile;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Recomputes {@code vectors/envelope-v1.txt} (IMPRINT/ENVELOPE/v1, IMPRINT/SECRETS/v1) from its inputs
 * with the production sealing code, the server's ephemeral key and IV fixed through the test seam.
 */
class EnvelopeVectorTest {
    private static final VectorFile V = VectorFile.load("envelope-v1.txt");

    static SecretItems secrets(VectorFile v) {
        SecretItems.Builder b = SecretItems.builder();
        for (Map.Entry<String, String> e : v.withPrefix("secret.").entrySet()) {
            b.add(e.getKey(), HexFormat.of().parseHex(e.getValue()));
        }
        return b.build();
    }

    private static KeyPair device() throws Exception {
        return FixedKeys.p256(V.text("deviceScalar"));
    }

    private static KeyPair ephemeral() throws Exception {
        return FixedKeys.p256(V.text("ephemeralScalar"));
    }

    @Test
    void seal_vectorInputs_givesTheVectorCiphertext() throws Exception {
        Envelope env = EnvelopeCrypto.seal(ephemeral(), V.hex("iv"), V.hex("deviceKey"), V.hex("sessionId"),
                V.hex("evidence"), secrets(V));
        assertThat(env.ephemeralKey()).isEqualTo(V.hex("ephemeralKey"));
        assertThat(env.iv()).isEqualTo(V.hex("iv"));
        assertThat(env.ciphertext()).isEqualTo(V.hex("ciphertext"));
    }

    @Test
    void open_vectorCiphertext_givesTheSecretsInOrder() throws Exception {
        SecretItems opened = EnvelopeCrypto.open(device().getPrivate(), V.hex("deviceKey"), V.hex("sessionId"),
                V.hex("evidence"), new Envelope(V.hex("ephemeralKey"), V.hex("iv"), V.hex("ciphertext")));
        assertThat(opened.names()).containsExactlyElementsOf(V.withPrefix("secret.").keySet());
        assertThat(SecretItemsCodec.encode(opened)).isEqualTo(V.hex("plaintext"));
    }

    @Test
    void intermediates_vector_areWhatTheProductionCodeDerives() throws Exception {
        assertThat(SecretItemsCodec.encode(secrets(V))).isEqualTo(V.hex("plaintext"));
        assertThat(EcPoints.toUncompressed((ECPublicKey) ephemeral().getPublic())).isEqualTo(V.hex("ephemeralKey"));
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(device().getPrivate());
        ka.doPhase(ephemeral().getPublic(), true);
        assertThat(ka.generateSecret()).isEqualTo(V.hex("z"));
        byte[] salt = MessageDigest.getInstance("SHA-256").digest(V.hex("evidence"));
        assertThat(salt).isEqualTo(V.hex("salt"));
        assertThat(EnvelopeCrypto.info(V.hex("sessionId"), V.hex("ephemeralKey"), V.hex("deviceKey")))
                .isEqualTo(V.hex("info"));
        assertThat(EnvelopeCrypto.aad(V.hex("sessionId"), V.hex("ephemeralKey"), salt)).isEqualTo(V.hex("aad"));
        assertThat(Hkdf.extract(salt, V.hex("z"))).isEqualTo(V.hex("prk"));
        assertThat(Hkdf.derive(salt, V.hex("z"), V.hex("info"), 32)).isEqualTo(V.hex("key"));
    }

    @Test
    void aesGcm_vectorKeyAadIv_opensTheCiphertext() throws Exception {
        // What a client in another language does with the documented key, IV and AAD.
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(V.hex("key"), "AES"), new GCMParameterSpec(128, V.hex("iv")));
        gcm.updateAAD(V.hex("aad"));
        assertThat(gcm.doFinal(V.hex("ciphertext"))).isEqualTo(V.hex("plaintext"));
    }
}
