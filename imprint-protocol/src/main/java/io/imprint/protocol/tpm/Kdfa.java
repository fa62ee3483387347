package io.imprint.protocol.tpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KDFa (TPM 2.0 Library Part 1, §11.4.10.2): SP 800-108 counter mode with HMAC, where each block is
 * {@code HMAC(key, u32 i || label || 00 || contextU || contextV || u32 bits)} and the output is
 * truncated to {@code bits}.
 */
public final class Kdfa {
    private Kdfa() {
    }

    /** {@code bits / 8} bytes of KDFa with {@code hashAlg}; {@code label} without its terminating zero. */
    public static byte[] derive(int hashAlg, byte[] key, String label, byte[] contextU, byte[] contextV, int bits)
            throws GeneralSecurityException {
        String macName = "Hmac" + TpmAlg.hashName(hashAlg).replace("-", "");
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(key, macName));
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bits / 8];
        int filled = 0;
        for (int i = 1; filled < out.length; i++) {
            mac.update(ByteBuffer.allocate(4).putInt(i).array());
            mac.update(labelBytes);
            mac.update((byte) 0);
            mac.update(contextU);
            mac.update(contextV);
            mac.update(ByteBuffer.allocate(4).putInt(bits).array());
            byte[] block = mac.doFinal();
            int n = Math.min(block.length, out.length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }
}
