package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an MP-signed offline receipt to the OEM's receipt key (ECIES) on the device, and opens it
 * at the OEM. The station that carries the receipts file sees only the bundle id and the serial.
 *
 * <pre>
 * Z    = ECDH(ephemeral, recipient)                           (x-coordinate, 32 bytes)
 * info = "IMPRINT/RECEIPT-SEAL/v1" 00 | ephemeralKey | recipientKey | bundleId   (| x: u16 length, x; keys SEC1)
 * key  = HKDF-SHA256(salt = empty, Z, info, 32)
 * aad  = "IMPRINT/RECEIPT-SEAL/v1" 00 | bundleId | serial | ephemeralKey
 * ct   = AES-256-GCM(key, iv (12 random bytes), aad, SignedReceipt.encode())
 * </pre>
 * Sealing gives confidentiality, not authenticity (anyone holding the public key can seal): the MP
 * signature inside is still what proves a genuine chip. Opening fails with a
 * {@link GeneralSecurityException} for another key or any modified byte, and with
 * {@link ProblemCode#BAD_RECEIPT} when the content is malformed or disagrees with the clear fields.
 */
public final class ReceiptSeal {
    public static final String CONTEXT = "IMPRINT/RECEIPT-SEAL/v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ECParameterSpec P256 = io.imprint.protocol.mp.MpCurve.P256.spec();

    private ReceiptSeal() {
    }

    /** Seals {@code signed} (whose receipt names {@code bundleId} and its serial) to {@code recipient}. */
    public static SealedReceiptLine seal(ECPublicKey recipient, SignedReceipt signed) throws GeneralSecurityException {
        return seal(io.imprint.protocol.envelope.EnvelopeCrypto.newKeyPair(), Providers.randomBytes(IV_BYTES), recipient,
                signed);
    }

    /** Deterministic form for known-answer tests. */
    static SealedReceiptLine seal(KeyPair ephemeral, byte[] iv, ECPublicKey recipient, SignedReceipt signed)
            throws GeneralSecurityException {
        BundleReceipt r = signed.receipt();
        byte[] recipientKey = EcPoints.toUncompressed(recipient);
        byte[] ephemeralKey = EcPoints.toUncompressed((ECPublicKey) ephemeral.getPublic());
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(ephemeral.getPrivate());
        ka.doPhase(recipient, true);
        byte[] plaintext = signed.encode();
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, ka.generateSecret(), ephemeralKey, recipientKey, r.bundleId(),
                    r.serial(), iv);
            byte[] ct = gcm.doFinal(plaintext);
            byte[] sealed = new byte[IV_BYTES + ct.length];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            System.arraycopy(ct, 0, sealed, IV_BYTES, ct.length);
            return new SealedReceiptLine(r.bundleId(), r.serial(), ephemeralKey, sealed);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Opens a sealed line with the OEM's receipt key; the result still needs its MP signature checked. */
    public static SignedReceipt open(ReceiptKeyAgreement key, SealedReceiptLine line) throws GeneralSecurityException {
        ECPublicKey ephemeral = EcPoints.fromUncompressed(line.ephemeralKey(), P256);
        byte[] sealed = line.sealed();
        Cipher gcm = cipher(Cipher.DECRYPT_MODE, key.agree(ephemeral), line.ephemeralKey(),
                EcPoints.toUncompressed(key.publicKey()), line.bundleId(), line.serial(),
                Arrays.copyOfRange(sealed, 0, IV_BYTES));
        byte[] plaintext = gcm.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        SignedReceipt signed = SignedReceipt.decode(plaintext);
        BundleReceipt r = signed.receipt();
        if (!MessageDigest.isEqual(r.bundleId(), line.bundleId()) || !r.serial().equals(line.serial())) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "sealed receipt names bundle " + r.bundleIdHex()
                    + " serial " + r.serial() + " but its line says " + line.bundleIdHex() + " " + line.serial());
        }
        return signed;
    }

    private static Cipher cipher(int mode, byte[] z, byte[] ephemeralKey, byte[] recipientKey, byte[] bundleId,
            String serial, byte[] iv) throws GeneralSecurityException {
        byte[] key = Hkdf.derive(new byte[0], z, info(ephemeralKey, recipientKey, bundleId), 32);
        Arrays.fill(z, (byte) 0);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad(bundleId, serial, ephemeralKey));
            return gcm;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The HKDF info: {@code "IMPRINT/RECEIPT-SEAL/v1" 00 | ephemeralKey | recipientKey | bundleId}. */
    static byte[] info(byte[] ephemeralKey, byte[] recipientKey, byte[] bundleId) {
        return CanonicalWriter.start(CONTEXT).bytes(ephemeralKey).bytes(recipientKey).bytes(bundleId).toByteArray();
    }

    /** The AES-GCM AAD: {@code "IMPRINT/RECEIPT-SEAL/v1" 00 | bundleId | serial | ephemeralKey}. */
    static byte[] aad(byte[] bundleId, String serial, byte[] ephemeralKey) {
        return CanonicalWriter.start(CONTEXT).bytes(bundleId).string(serial).bytes(ephemeralKey).toByteArray();
    }
}
