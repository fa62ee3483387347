package io.imprint.device.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The file of one {@link Tpm2SealedStore} value:
 * {@code "IMPS" 01 | pcrs | public | private | iv (12) | ciphertext and tag}, fields u16-length-prefixed.
 */
record SealedFile(String pcrs, byte[] publicPart, byte[] privatePart, byte[] iv, byte[] ciphertext) {
    static final int MAX_TPM_BLOB = 1024;
    static final int MAX_BYTES = 5 + 2 + 64 + 2 * (2 + MAX_TPM_BLOB) + 12 + Tpm2SealedStore.MAX_VALUE_BYTES + 16;
    private static final byte[] HEADER = {'I', 'M', 'P', 'S', 1};
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        field(out, pcrs.getBytes(StandardCharsets.US_ASCII));
        field(out, publicPart);
        field(out, privatePart);
        out.writeBytes(iv);
        out.writeBytes(ciphertext);
        return out.toByteArray();
    }

    static SealedFile parse(String name, byte[] data) throws GeneralSecurityException {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            byte[] header = new byte[HEADER.length];
            in.get(header);
            if (!Arrays.equals(header, HEADER)) {
                throw new GeneralSecurityException("sealed value " + name + " has an unknown header");
            }
            String pcrs = new String(field(in, 64), StandardCharsets.US_ASCII);
            byte[] pub = field(in, MAX_TPM_BLOB);
            byte[] priv = field(in, MAX_TPM_BLOB);
            byte[] iv = new byte[IV_BYTES];
            in.get(iv);
            if (in.remaining() < TAG_BYTES) {
                throw new GeneralSecurityException("sealed value " + name + " is truncated");
            }
            byte[] ciphertext = new byte[in.remaining()];
            in.get(ciphertext);
            return new SealedFile(pcrs, pub, priv, iv, ciphertext);
        } catch (BufferUnderflowException e) {
            throw new GeneralSecurityException("sealed value " + name + " is truncated");
        }
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] field(ByteBuffer in, int max) throws GeneralSecurityException {
        int size = Short.toUnsignedInt(in.getShort());
        if (size > max) {
            throw new GeneralSecurityException("sealed value field of " + size + " bytes");
        }
        byte[] value = new byte[size];
        in.get(value);
        return value;
    }
}
