package io.imprint.protocol.tpm;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * A seed shared with the holder of an ECC storage key (TPM 2.0 Library Part 1, §24.4 and §11.4.10.3):
 * one-pass ECDH with an ephemeral key, then KDFe, the SP 800-56A concatenation KDF
 * {@code H(u32 i || Z || label || 00 || x(ephemeral) || x(key))}, truncated to the size of the
 * key's name algorithm. The encrypted secret is the ephemeral point as a TPMS_ECC_POINT.
 *
 * @param seed the shared seed
 * @param encryptedSecret {@code TPM2B x || TPM2B y} of the ephemeral public key
 */
record EccSeed(byte[] seed, byte[] encryptedSecret) {
    static EccSeed create(TpmPublic key, String label) throws GeneralSecurityException {
        ECPublicKey target = (ECPublicKey) key.publicKey();
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(target.getParams(), Providers.random());
        KeyPair ephemeral = g.generateKeyPair();
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(ephemeral.getPrivate());
        ecdh.doPhase(target, true);
        byte[] z = ecdh.generateSecret();
        int n = key.coordinateBytes();
        byte[] ephemeralXy = EcPoints.toXy((ECPublicKey) ephemeral.getPublic());
        byte[] ex = Arrays.copyOfRange(ephemeralXy, 0, n);
        byte[] ey = Arrays.copyOfRange(ephemeralXy, n, 2 * n);
        byte[] kx = Arrays.copyOfRange(key.unique(), 0, n);
        byte[] seed = kdfe(key.nameAlg(), z, label, ex, kx, TpmAlg.hashSize(key.nameAlg()));
        Arrays.fill(z, (byte) 0);
        ByteBuffer point = ByteBuffer.allocate(4 + 2 * n);
        point.putShort((short) n).put(ex).putShort((short) n).put(ey);
        return new EccSeed(seed, point.array());
    }

    static byte[] kdfe(int hashAlg, byte[] z, String label, byte[] partyU, byte[] partyV, int bytes) {
        MessageDigest h = TpmNames.digest(hashAlg);
        byte[] out = new byte[bytes];
        int filled = 0;
        for (int i = 1; filled < bytes; i++) {
            h.update(ByteBuffer.allocate(4).putInt(i).array());
            h.update(z);
            h.update(label.getBytes(StandardCharsets.US_ASCII));
            h.update((byte) 0);
            h.update(partyU);
            h.update(partyV);
            byte[] block = h.digest();
            int k = Math.min(block.length, bytes - filled);
            System.arraycopy(block, 0, out, filled, k);
            filled += k;
        }
        return out;
    }
}
