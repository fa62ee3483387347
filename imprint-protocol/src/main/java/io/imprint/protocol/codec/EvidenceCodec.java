package io.imprint.protocol.codec;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The exact bytes a device signs for attestation (see docs/protocol.md, "Evidence").
 *
 * <pre>
 * "IMPRINT/ATTEST/v1" 00
 * product | chipId | serial | srkHash | softwareVersion | lifecycle
 * u16 n, then n x (key | value), keys strictly ascending
 * sessionId | nonce | deviceKey | csr
 * </pre>
 * where {@code |} separates fields that are each a u16 big-endian length followed by the bytes.
 */
public final class EvidenceCodec {
    public static final String CONTEXT = "IMPRINT/ATTEST/v1";
    /** No evidence is larger than this; checked before parsing. */
    public static final int MAX_BYTES = 8192;

    private static final Pattern SERIAL_OR_EMPTY = Pattern.compile("|" + Fields.IDENTIFIER.pattern());

    private EvidenceCodec() {
    }

    public static byte[] encode(Evidence e) {
        CanonicalWriter w = CanonicalWriter.start(CONTEXT)
                .string(e.product()).bytes(e.chipId()).string(e.serial())
                .bytes(e.metadata().srkHash()).string(e.metadata().softwareVersion())
                .string(e.metadata().lifecycle())
                .u16(e.metadata().extra().size());
        for (Map.Entry<String, String> entry : e.metadata().extra().entrySet()) {
            w.string(entry.getKey()).string(entry.getValue());
        }
        byte[] encoded = w.bytes(e.sessionId()).bytes(e.nonce()).bytes(e.deviceKey()).bytes(e.csr()).toByteArray();
        // Round-trip through the strict decoder so a device can never sign something the server refuses to parse.
        decode(encoded);
        return encoded;
    }

    public static Evidence decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw new ImprintException(
                    ProblemCode.MALFORMED_REQUEST, "evidence larger than " + MAX_BYTES + " bytes");
        }
        CanonicalReader r = CanonicalReader.open(data, CONTEXT);
        String product = r.string("product", 64, Fields.IDENTIFIER);
        byte[] chipId = r.bytes("chipId", Fields.CHIP_ID_MIN_BYTES, Fields.CHIP_ID_MAX_BYTES);
        String serial = r.string("serial", 64, SERIAL_OR_EMPTY);
        byte[] srkHash = r.bytes("srkHash", Fields.SRK_HASH_BYTES, Fields.SRK_HASH_BYTES);
        String softwareVersion = r.string("softwareVersion", 64, Fields.SHORT_TEXT);
        String lifecycle = r.string("lifecycle", 64, Fields.SHORT_TEXT);
        int count = r.u16("metadata count");
        if (count > Fields.METADATA_MAX_ENTRIES) {
            throw new ImprintException(
                    ProblemCode.MALFORMED_REQUEST, "more than " + Fields.METADATA_MAX_ENTRIES + " metadata entries");
        }
        TreeMap<String, String> extra = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String key = r.string("metadata key", 32, Fields.METADATA_KEY);
            String value = r.string("metadata value", 256, Fields.METADATA_VALUE);
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new ImprintException(
                        ProblemCode.MALFORMED_REQUEST, "metadata keys must be strictly ascending");
            }
            previous = key;
            extra.put(key, value);
        }
        byte[] sessionId = r.bytes("sessionId", Fields.SESSION_ID_BYTES, Fields.SESSION_ID_BYTES);
        byte[] nonce = r.bytes("nonce", Fields.NONCE_BYTES, Fields.NONCE_BYTES);
        byte[] deviceKey = r.bytes("deviceKey", Fields.EC_POINT_BYTES, Fields.EC_POINT_BYTES);
        byte[] csr = r.bytes("csr", 1, Fields.CSR_MAX_BYTES);
        r.end();
        if (deviceKey[0] != 0x04) {
            throw new ImprintException(
                    ProblemCode.MALFORMED_REQUEST, "deviceKey must be an uncompressed SEC1 point");
        }
        return new Evidence(product, chipId, serial, new DeviceMetadata(srkHash, softwareVersion, lifecycle, extra),
                sessionId, nonce, deviceKey, csr);
    }
}
