package io.imprint.protocol.envelope;

import io.imprint.protocol.codec.CanonicalReader;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Arrays;

/**
 * The envelope plaintext: {@code "IMPRINT/SECRETS/v1" 00 | u16 count | count x (name | value)}.
 * The encoded array holds secrets: callers wipe it after use.
 */
public final class SecretItemsCodec {
    public static final String CONTEXT = "IMPRINT/SECRETS/v1";

    private SecretItemsCodec() {
    }

    public static byte[] encode(SecretItems items) {
        CanonicalWriter w = CanonicalWriter.start(CONTEXT).u16(items.size());
        for (String name : items.names()) {
            byte[] value = items.value(name);
            w.string(name).bytes(value);
            Arrays.fill(value, (byte) 0);
        }
        return w.toByteArray();
    }

    public static SecretItems decode(byte[] data) {
        CanonicalReader r = CanonicalReader.open(data, CONTEXT);
        int count = r.u16("secret count");
        if (count > SecretItems.MAX_ITEMS) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "more than " + SecretItems.MAX_ITEMS + " secrets");
        }
        SecretItems.Builder b = SecretItems.builder();
        for (int i = 0; i < count; i++) {
            String name = r.string("secret name", 64, SecretItems.NAME);
            byte[] value = r.bytes("secret value", 0, SecretItems.MAX_ITEM_BYTES);
            try {
                b.add(name, value);
            } catch (IllegalArgumentException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, e.getMessage());
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }
        r.end();
        return b.build();
    }
}
