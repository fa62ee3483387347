package io.imprint.protocol.tpm;

import io.imprint.protocol.crypto.Providers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * TPM2_MakeCredential off the TPM, in Java (TPM 2.0 Library Part 1, §24; Part 3, §12.6), for an RSA
 * or ECC (NIST P-256 / P-384) endorsement key. Only the TPM that holds the EK's private key, and in which an object with
 * exactly {@code objectName} is loaded, can recover the credential (TPM2_ActivateCredential).
 *
 * <pre>
 * seed          = random, |H_nameAlg(EK)| bytes
 * secret        = RSA-OAEP(EK, hash nameAlg(EK), MGF1 same hash, label "IDENTITY" 00, seed)    (RSA EK)
 *   or, for an ECC EK: an ephemeral key e on the EK's curve, Z = x(e * EK),
 *   seed = KDFe(nameAlg(EK), Z, "IDENTITY", x(e), x(EK), 8 * |H|), secret = TPM2B x(e) | TPM2B y(e)
 * symKey        = KDFa(nameAlg(EK), seed, "STORAGE", objectName, "", EK symmetric key bits)
 * encIdentity   = AES-CFB(symKey, IV = 0, u16 len(credential) || credential)
 * hmacKey       = KDFa(nameAlg(EK), seed, "INTEGRITY", "", "", 8 * |H|)
 * outerHMAC     = HMAC_nameAlg(EK)(hmacKey, encIdentity || objectName)
 * idObject      = u16 len(outerHMAC) || outerHMAC || encIdentity
 * </pre>
 */
public final class MakeCredential {
    private static final byte[] IDENTITY_LABEL = "IDENTITY\0".getBytes(StandardCharsets.US_ASCII);

    private MakeCredential() {
    }

    /**
     * Wraps {@code credential} (1 to |H| bytes) for {@code ek} and the object named {@code objectName}.
     * Fails when {@code ek} is not an RSA restricted decryption key with AES-CFB.
     */
    public static CredentialBlob make(TpmPublic ek, byte[] objectName, byte[] credential)
            throws GeneralSecurityException {
        requireStorageKey(ek);
        int nameAlg = ek.nameAlg();
        int hashBytes = TpmAlg.hashSize(nameAlg);
        if (credential.length == 0 || credential.length > hashBytes) {
            throw new IllegalArgumentException("credential must be 1.." + hashBytes + " bytes");
        }
        if (objectName.length < 2
                || objectName.length != 2 + TpmAlg.hashSize(((objectName[0] & 0xFF) << 8) | (objectName[1] & 0xFF))) {
            throw new IllegalArgumentException("not a TPM object name (" + objectName.length + " bytes)");
        }
        byte[] seed;
        byte[] secret;
        if (ek.type() == TpmAlg.RSA) {
            seed = Providers.randomBytes(hashBytes);
            secret = encryptSeed(ek, seed);
        } else {
            EccSeed ecc = EccSeed.create(ek, "IDENTITY");
            seed = ecc.seed();
            secret = ecc.encryptedSecret();
        }

        byte[] symKey = Kdfa.derive(nameAlg, seed, "STORAGE", objectName, new byte[0], ek.symmetric().keyBits());
        byte[] plain = new byte[2 + credential.length];
        plain[0] = (byte) (credential.length >>> 8);
        plain[1] = (byte) credential.length;
        System.arraycopy(credential, 0, plain, 2, credential.length);
        Cipher cfb = Cipher.getInstance("AES/CFB/NoPadding");
        cfb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(symKey, "AES"), new IvParameterSpec(new byte[16]));
        byte[] encIdentity = cfb.doFinal(plain);

        byte[] hmacKey = Kdfa.derive(nameAlg, seed, "INTEGRITY", new byte[0], new byte[0], 8 * hashBytes);
        String macName = "Hmac" + TpmAlg.hashName(nameAlg).replace("-", "");
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(hmacKey, macName));
        mac.update(encIdentity);
        byte[] outerHmac = mac.doFinal(objectName);

        byte[] idObject = new byte[2 + outerHmac.length + encIdentity.length];
        idObject[0] = (byte) (outerHmac.length >>> 8);
        idObject[1] = (byte) outerHmac.length;
        System.arraycopy(outerHmac, 0, idObject, 2, outerHmac.length);
        System.arraycopy(encIdentity, 0, idObject, 2 + outerHmac.length, encIdentity.length);
        java.util.Arrays.fill(seed, (byte) 0);
        java.util.Arrays.fill(symKey, (byte) 0);
        java.util.Arrays.fill(hmacKey, (byte) 0);
        return new CredentialBlob(idObject, secret);
    }

    /** Fails unless {@code ek} can be the credential key: restricted, decrypt, AES in CFB mode. */
    static void requireStorageKey(TpmPublic ek) throws InvalidKeyException {
        if (!ek.has(TpmPublic.RESTRICTED | TpmPublic.DECRYPT) || ek.has(TpmPublic.SIGN)) {
            throw new InvalidKeyException("the endorsement key is not a restricted decryption key");
        }
        if (ek.symmetric().algorithm() != TpmAlg.AES || ek.symmetric().mode() != TpmAlg.CFB) {
            throw new InvalidKeyException("the endorsement key's symmetric definition is not AES-CFB");
        }
    }

    private static byte[] encryptSeed(TpmPublic ek, byte[] seed) throws GeneralSecurityException {
        String hash = TpmAlg.hashName(ek.nameAlg());
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, ek.publicKey(), new OAEPParameterSpec(hash, "MGF1",
                new MGF1ParameterSpec(hash), new PSource.PSpecified(IDENTITY_LABEL)), Providers.random());
        return oaep.doFinal(seed);
    }
}
