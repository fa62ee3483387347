package io.imprint.protocol.codec;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * The exact bytes of a networked provisioning receipt.
 *
 * <pre>"IMPRINT/RECEIPT/v1" 00 | sessionId | chipId | serial | storedDigest</pre>
 */
public final class ReceiptCodec {
    public static final String CONTEXT = "IMPRINT/RECEIPT/v1";
    public static final int MAX_BYTES = 512;

    private ReceiptCodec() {
    }

    public static byte[] encode(Receipt receipt) {
        byte[] encoded = CanonicalWriter.start(CONTEXT)
                .bytes(receipt.sessionId()).bytes(receipt.chipId()).string(receipt.serial())
                .bytes(receipt.storedDigest()).toByteArray();
        decode(encoded);
        return encoded;
    }

    public static Receipt decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "receipt larger than " + MAX_BYTES + " bytes");
        }
        CanonicalReader r = CanonicalReader.open(data, CONTEXT);
        byte[] sessionId = r.bytes("sessionId", Fields.SESSION_ID_BYTES, Fields.SESSION_ID_BYTES);
        byte[] chipId = r.bytes("chipId", Fields.CHIP_ID_MIN_BYTES, Fields.CHIP_ID_MAX_BYTES);
        String serial = r.string("serial", 64, Fields.IDENTIFIER);
        byte[] digest = r.bytes("storedDigest", Fields.DIGEST_BYTES, Fields.DIGEST_BYTES);
        r.end();
        return new Receipt(sessionId, chipId, serial, digest);
    }
}
