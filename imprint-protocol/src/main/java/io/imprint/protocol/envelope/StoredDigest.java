package io.imprint.protocol.envelope;

import io.imprint.protocol.codec.CanonicalWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The digest a device signs in its receipt: what it stored, so the server can tell that the unit
 * holds exactly what was issued.
 *
 * <pre>SHA-256("IMPRINT/STORED/v1" 00 u16 n, n x (| name | value), u16 m, m x (| certificateDer))</pre>
 * where {@code | x} is x preceded by its u16 big-endian length: every certificate has its own length.
 */
public final class StoredDigest {
    public static final String CONTEXT = "IMPRINT/STORED/v1";

    private StoredDigest() {
    }

    /** The digest of what a unit stored: the secrets in envelope order, then its certificate chain (device first). */
    public static byte[] of(SecretItems items, List<byte[]> certificateChainDer) {
        byte[] encoded = encode(items, certificateChainDer);
        try {
            return MessageDigest.getInstance("SHA-256").digest(encoded);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** The hashed bytes; they hold the secrets, so the caller wipes them. */
    static byte[] encode(SecretItems items, List<byte[]> certificateChainDer) {
        CanonicalWriter w = CanonicalWriter.start(CONTEXT).u16(items.size());
        for (String name : items.names()) {
            byte[] value = items.value(name);
            w.string(name).bytes(value);
            Arrays.fill(value, (byte) 0);
        }
        w.u16(certificateChainDer.size());
        for (byte[] der : certificateChainDer) {
            w.bytes(der);
        }
        return w.toByteArray();
    }
}
