package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalReader;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * The exact bytes of an offline bundle receipt, the message the device's MP key signs (so the
 * signature covers SHA-256(MPMR || these bytes)). The context keeps it from being taken for any
 * other Imprint message, in particular the networked {@code IMPRINT/RECEIPT/v1}.
 *
 * <pre>"IMPRINT/BUNDLE-RECEIPT/v1" 00 | chipId | serial | bundleId(16) | product | storedDigest(32)
 * | u64 appliedAt | u64 counter</pre>
 */
public final class BundleReceiptCodec {
    public static final String CONTEXT = "IMPRINT/BUNDLE-RECEIPT/v1";
    public static final int MAX_BYTES = 512;

    private BundleReceiptCodec() {
    }

    public static byte[] encode(BundleReceipt r) {
        byte[] encoded = CanonicalWriter.start(CONTEXT).bytes(r.chipId()).string(r.serial()).bytes(r.bundleId())
                .string(r.product()).bytes(r.storedDigest()).u64(r.appliedAt()).u64(r.counter()).toByteArray();
        decode(encoded);
        return encoded;
    }

    /** Strict parse; failures are {@link ProblemCode#BAD_RECEIPT}. */
    public static BundleReceipt decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "bundle receipt larger than " + MAX_BYTES + " bytes");
        }
        try {
            CanonicalReader r = CanonicalReader.open(data, CONTEXT);
            byte[] chipId = r.bytes("chipId", Fields.CHIP_ID_MIN_BYTES, Fields.CHIP_ID_MAX_BYTES);
            String serial = r.string("serial", 64, Fields.IDENTIFIER);
            byte[] bundleId = r.bytes("bundleId", BundleHeader.BUNDLE_ID_BYTES, BundleHeader.BUNDLE_ID_BYTES);
            String product = r.string("product", 64, Fields.IDENTIFIER);
            byte[] digest = r.bytes("storedDigest", Fields.DIGEST_BYTES, Fields.DIGEST_BYTES);
            long appliedAt = r.u64("appliedAt");
            long counter = r.u64("counter");
            r.end();
            return new BundleReceipt(chipId, serial, bundleId, product, digest, appliedAt, counter);
        } catch (ImprintException e) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "malformed bundle receipt: " + e.detail());
        }
    }
}
