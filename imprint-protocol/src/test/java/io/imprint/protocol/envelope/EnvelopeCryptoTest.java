package io.imprint.protocol.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.testing.FixedKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EnvelopeCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String DEVICE_SCALAR = "1f2e3d4c5b6a79880102030405060708090a0b0c0d0e0f101112131415161718";
    private static final String EPHEMERAL_SCALAR = "7a7b7c7d7e7f80818283848586878889aabbccddeeff00112233445566778899";
    private static final byte[] SESSION = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] EVIDENCE = "IMPRINT/ATTEST/v1 test evidence".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IV = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    /** Checked-in known answer for IMPRINT/ENVELOPE/v1 with the fixed inputs above. */
    private static final String EXPECTED_CIPHERTEXT_HEX =
            "6892af98d6d484ca72a5943a564dec62bbef3506327192537b9ec0b52ef30e71360bf137d7d043270804127c8e76577c6e31f40b617eaa4617d400a491f5165859350751373478862a0f510bea6be4939a8d3410d077e8347febd2661dde2601720e47b1b17d7f8a398b2d46706b";

    private static SecretItems items() {
        return SecretItems.builder().add("disk-encryption-key", HEX.parseHex("00112233445566778899aabbccddeeff"
                + "00112233445566778899aabbccddeeff")).add("cloud-token", "tok".getBytes(StandardCharsets.US_ASCII)).build();
    }

    private static byte[] deviceKey(KeyPair device) {
        return EcPoints.toUncompressed((ECPublicKey) device.getPublic());
    }

    @Test
    void seal_open_roundTrips() throws Exception {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        Envelope env = EnvelopeCrypto.seal(deviceKey(device), SESSION, EVIDENCE, items());
        SecretItems opened = EnvelopeCrypto.open(device.getPrivate(), deviceKey(device), SESSION, EVIDENCE, env);
        assertThat(opened.names()).containsExactly("disk-encryption-key", "cloud-token");
        assertThat(opened.value("cloud-token")).isEqualTo("tok".getBytes(StandardCharsets.US_ASCII));
        assertThat(opened.toString()).doesNotContain("00112233").contains("cloud-token (3 bytes)");
    }

    @Test
    void seal_knownAnswer_matchesIndependentComputation() throws Exception {
        KeyPair device = FixedKeys.p256(DEVICE_SCALAR);
        KeyPair ephemeral = FixedKeys.p256(EPHEMERAL_SCALAR);
        Envelope env = EnvelopeCrypto.seal(ephemeral, IV, deviceKey(device), SESSION, EVIDENCE, items());

        // The spec from the class comment, computed step by step here.
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(device.getPrivate());
        ka.doPhase(ephemeral.getPublic(), true);
        byte[] z = ka.generateSecret();
        byte[] salt = MessageDigest.getInstance("SHA-256").digest(EVIDENCE);
        byte[] eph = EcPoints.toUncompressed((ECPublicKey) ephemeral.getPublic());
        byte[] info = CanonicalWriter.start("IMPRINT/ENVELOPE/v1").bytes(SESSION).bytes(eph).bytes(deviceKey(device)).toByteArray();
        byte[] key = Hkdf.derive(salt, z, info, 32);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, IV));
        gcm.updateAAD(CanonicalWriter.start("IMPRINT/ENVELOPE/v1").bytes(SESSION).bytes(eph).bytes(salt).toByteArray());
        byte[] plaintext = gcm.doFinal(env.ciphertext());
        assertThat(HEX.formatHex(plaintext)).isEqualTo(HEX.formatHex(SecretItemsCodec.encode(items())));
        assertThat(HEX.formatHex(env.ciphertext())).isEqualTo(EXPECTED_CIPHERTEXT_HEX);
    }

    @Test
    void open_otherSession_throws() throws Exception {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        Envelope env = EnvelopeCrypto.seal(deviceKey(device), SESSION, EVIDENCE, items());
        byte[] other = SESSION.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> EnvelopeCrypto.open(device.getPrivate(), deviceKey(device), other, EVIDENCE, env))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_otherEvidence_throws() throws Exception {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        Envelope env = EnvelopeCrypto.seal(deviceKey(device), SESSION, EVIDENCE, items());
        byte[] other = EVIDENCE.clone();
        other[other.length - 1] ^= 1;
        assertThatThrownBy(() -> EnvelopeCrypto.open(device.getPrivate(), deviceKey(device), SESSION, other, env))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_otherDeviceKey_throws() throws Exception {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        KeyPair intruder = EnvelopeCrypto.newKeyPair();
        Envelope env = EnvelopeCrypto.seal(deviceKey(device), SESSION, EVIDENCE, items());
        assertThatThrownBy(() -> EnvelopeCrypto.open(intruder.getPrivate(), deviceKey(intruder), SESSION, EVIDENCE, env))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void open_tamperedCiphertext_throws() throws Exception {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        Envelope env = EnvelopeCrypto.seal(deviceKey(device), SESSION, EVIDENCE, items());
        byte[] ct = env.ciphertext();
        ct[3] ^= 0x40;
        Envelope tampered = new Envelope(env.ephemeralKey(), env.iv(), ct);
        assertThatThrownBy(() -> EnvelopeCrypto.open(device.getPrivate(), deviceKey(device), SESSION, EVIDENCE, tampered))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void seal_invalidDeviceKey_throws() {
        byte[] bogus = new byte[65];
        bogus[0] = 4;
        assertThatThrownBy(() -> EnvelopeCrypto.seal(bogus, SESSION, EVIDENCE, items()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("not on the curve");
    }

    @Test
    void storedDigest_dependsOnEveryPart() {
        byte[] a = StoredDigest.of(items(), java.util.List.of(new byte[] {1, 2}));
        byte[] b = StoredDigest.of(items(), java.util.List.of(new byte[] {1, 3}));
        byte[] c = StoredDigest.of(SecretItems.builder().add("disk-encryption-key", new byte[32]).build(),
                java.util.List.of(new byte[] {1, 2}));
        assertThat(a).hasSize(32).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(StoredDigest.of(items(), java.util.List.of(new byte[] {1, 2}))).isEqualTo(a);
    }
}
