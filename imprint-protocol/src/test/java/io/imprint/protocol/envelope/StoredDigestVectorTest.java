package io.imprint.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.testing.VectorFile;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recomputes the IMPRINT/STORED/v1 digests of {@code receipt-v1.txt} and {@code bundle-receipt-v1.txt}. */
class StoredDigestVectorTest {
    private static final VectorFile NETWORKED = VectorFile.load("receipt-v1.txt");
    private static final VectorFile OFFLINE = VectorFile.load("bundle-receipt-v1.txt");

    static List<byte[]> chain(VectorFile v) {
        return List.of(v.hex("certificate.1"), v.hex("certificate.2"));
    }

    @Test
    void encode_networkedVector_isTheStoredBytes() {
        assertThat(StoredDigest.encode(EnvelopeVectorTest.secrets(NETWORKED), chain(NETWORKED)))
                .isEqualTo(NETWORKED.hex("stored"));
    }

    @Test
    void of_networkedVector_isTheStoredDigest() throws Exception {
        assertThat(StoredDigest.of(EnvelopeVectorTest.secrets(NETWORKED), chain(NETWORKED)))
                .isEqualTo(NETWORKED.hex("storedDigest"))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(NETWORKED.hex("stored")));
    }

    @Test
    void stored_networkedVector_prefixesEveryCertificateWithItsLength() throws Exception {
        // docs/protocol.md once showed "u16 m, m x certificateDer": the certificates without their own
        // lengths. The bytes the server compares carry a u16 length before every certificate.
        byte[] secretsOnly = StoredDigest.encode(EnvelopeVectorTest.secrets(NETWORKED), List.of());
        byte[] cert1 = NETWORKED.hex("certificate.1");
        byte[] cert2 = NETWORKED.hex("certificate.2");
        byte[] expected = concat(List.of(Arrays.copyOf(secretsOnly, secretsOnly.length - 2), u16(2), u16(cert1.length),
                cert1, u16(cert2.length), cert2));
        assertThat(NETWORKED.hex("stored")).isEqualTo(expected);
        byte[] unprefixed = concat(List.of(Arrays.copyOf(secretsOnly, secretsOnly.length - 2), u16(2), cert1, cert2));
        assertThat(MessageDigest.getInstance("SHA-256").digest(unprefixed)).isNotEqualTo(NETWORKED.hex("storedDigest"));
    }

    @Test
    void of_offlineVector_hasNoCertificates() {
        SecretItems items = SecretItems.builder().add("disk-key", OFFLINE.hex("item.disk-key"))
                .add("device-secret", OFFLINE.hex("item.device-secret")).build();
        assertThat(StoredDigest.encode(items, List.of())).isEqualTo(OFFLINE.hex("stored"));
        assertThat(StoredDigest.of(items, List.of())).isEqualTo(OFFLINE.hex("storedDigest"));
    }

    @Test
    void of_secretsInAnotherOrder_differs() {
        SecretItems reordered = SecretItems.builder().add("cloud-token", NETWORKED.hex("secret.cloud-token"))
                .add("disk-encryption-key", NETWORKED.hex("secret.disk-encryption-key")).build();
        assertThat(StoredDigest.of(reordered, chain(NETWORKED))).isNotEqualTo(NETWORKED.hex("storedDigest"));
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
