package io.imprint.protocol.envelope;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.crypto.Providers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets to a device's ECDH P-256 key and opens them on the device.
 *
 * <pre>
 * Z    = ECDH(ephemeral, device)                          (x-coordinate, 32 bytes)
 * salt = SHA-256(evidence bytes)                          (the exact bytes the device signed)
 * info = "IMPRINT/ENVELOPE/v1" 00 | sessionId | ephemeralKey | deviceKey   (| x: x with its u16 length first)
 * key  = HKDF-SHA256(salt, Z, info, 32)
 * aad  = "IMPRINT/ENVELOPE/v1" 00 | sessionId | ephemeralKey | salt
 * ct   = AES-256-GCM(key, iv (12 random bytes), aad, SecretItemsCodec(items))
 * </pre>
 * Opening fails with a {@link GeneralSecurityException} when anything differs: another session,
 * other evidence, another device key, or a modified ciphertext.
 */
public final class EnvelopeCrypto {
    public static final String CONTEXT = "IMPRINT/ENVELOPE/v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ECParameterSpec P256 = io.imprint.protocol.mp.MpCurve.P256.spec();

    private EnvelopeCrypto() {
    }

    /** A fresh P-256 key pair (device ECDH key, server ephemeral key). */
    public static KeyPair newKeyPair() throws GeneralSecurityException {
        // BouncyCastle: about 3x SunEC for P-256 key generation and ECDH on JDK 25 (docs/benchmarks.md).
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.bouncyCastle());
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        return g.generateKeyPair();
    }

    /** Seals {@code items} to {@code deviceKey} (SEC1 uncompressed) for one session and evidence. */
    public static Envelope seal(byte[] deviceKey, byte[] sessionId, byte[] evidence, SecretItems items)
            throws GeneralSecurityException {
        return seal(newKeyPair(), Providers.randomBytes(IV_BYTES), deviceKey, sessionId, evidence, items);
    }

    /** Deterministic form for known-answer tests. */
    static Envelope seal(KeyPair ephemeral, byte[] iv, byte[] deviceKey, byte[] sessionId, byte[] evidence,
                         SecretItems items) throws GeneralSecurityException {
        ECPublicKey device = EcPoints.fromUncompressed(deviceKey, P256);
        byte[] ephemeralKey = EcPoints.toUncompressed((ECPublicKey) ephemeral.getPublic());
        byte[] plaintext = SecretItemsCodec.encode(items);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, ephemeral.getPrivate(), device, ephemeralKey, deviceKey,
                    sessionId, evidence, iv);
            return new Envelope(ephemeralKey, iv, gcm.doFinal(plaintext));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Opens an envelope with the device's ECDH private key. */
    public static SecretItems open(PrivateKey devicePrivate, byte[] deviceKey, byte[] sessionId, byte[] evidence,
                                   Envelope envelope) throws GeneralSecurityException {
        if (envelope.iv().length != IV_BYTES) {
            throw new GeneralSecurityException("envelope IV must be " + IV_BYTES + " bytes");
        }
        ECPublicKey ephemeral = EcPoints.fromUncompressed(envelope.ephemeralKey(), P256);
        Cipher gcm = cipher(Cipher.DECRYPT_MODE, devicePrivate, ephemeral, envelope.ephemeralKey(), deviceKey,
                sessionId, evidence, envelope.iv());
        byte[] plaintext = gcm.doFinal(envelope.ciphertext());
        try {
            return SecretItemsCodec.decode(plaintext);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("envelope plaintext is malformed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static Cipher cipher(int mode, PrivateKey ownPrivate, ECPublicKey peer, byte[] ephemeralKey,
                                 byte[] deviceKey, byte[] sessionId, byte[] evidence, byte[] iv)
            throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH", Providers.bouncyCastle());
        ka.init(ownPrivate);
        ka.doPhase(peer, true);
        byte[] z = ka.generateSecret();
        byte[] salt = MessageDigest.getInstance("SHA-256").digest(evidence);
        byte[] key = Hkdf.derive(salt, z, info(sessionId, ephemeralKey, deviceKey), 32);
        Arrays.fill(z, (byte) 0);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad(sessionId, ephemeralKey, salt));
            return gcm;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The HKDF info: {@code "IMPRINT/ENVELOPE/v1" 00 | sessionId | ephemeralKey | deviceKey}. */
    static byte[] info(byte[] sessionId, byte[] ephemeralKey, byte[] deviceKey) {
        return CanonicalWriter.start(CONTEXT).bytes(sessionId).bytes(ephemeralKey).bytes(deviceKey).toByteArray();
    }

    /** The AES-GCM AAD: {@code "IMPRINT/ENVELOPE/v1" 00 | sessionId | ephemeralKey | salt}. */
    static byte[] aad(byte[] sessionId, byte[] ephemeralKey, byte[] salt) {
        return CanonicalWriter.start(CONTEXT).bytes(sessionId).bytes(ephemeralKey).bytes(salt).toByteArray();
    }
}
