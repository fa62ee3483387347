package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundle file, parsed but not yet verified. Layout (u32 lengths and counts, big-endian):
 *
 * <pre>
 * "IMPRINT/BUNDLE/v1" 00
 * | u32 len | header                                    ({@link BundleHeaderCodec})
 * | u32 n   | n x (u32 len | sealed lot item)           (n = header lot item count, header order)
 * | u32 m   | m x (u32 len | serial | k x (u32 len | sealed unit item))   (m = unitCount, k = unit item names)
 * | u32 64  | signature r||s
 * </pre>
 *
 * The signature is ECDSA P-256 / SHA-256 by the OEM bundle-signing key over
 * {@code "IMPRINT/BUNDLE-SIGNATURE/v1" 00 | u16 32 | SHA-256(every byte before the signature's length)}.
 */
final class BundleContainer {
    static final String CONTEXT = "IMPRINT/BUNDLE/v1";
    static final String SIGNATURE_CONTEXT = "IMPRINT/BUNDLE-SIGNATURE/v1";
    static final int SIGNATURE_BYTES = 64;
    static final int MAX_SEALED_ITEM = SecretItems.MAX_ITEM_BYTES + BundleItemCipher.IV_BYTES + BundleItemCipher.TAG_BYTES;

    final byte[] headerBytes;
    final BundleHeader header;
    final List<byte[]> lotItems;
    final Map<String, List<byte[]>> units;
    final byte[] signedMessage;
    final byte[] signature;

    private BundleContainer(byte[] headerBytes, BundleHeader header, List<byte[]> lotItems,
            Map<String, List<byte[]>> units, byte[] signedMessage, byte[] signature) {
        this.headerBytes = headerBytes;
        this.header = header;
        this.lotItems = lotItems;
        this.units = units;
        this.signedMessage = signedMessage;
        this.signature = signature;
    }

    /** Writes everything up to the signature; returns the writer so the caller appends it. */
    static U32Writer writeUnsigned(byte[] headerBytes, List<byte[]> lotItems, Map<String, List<byte[]>> units) {
        int hint = headerBytes.length + 64 + units.size() * 128;
        U32Writer w = U32Writer.start(CONTEXT, hint).bytes(headerBytes).u32(lotItems.size());
        lotItems.forEach(w::bytes);
        w.u32(units.size());
        for (Map.Entry<String, List<byte[]>> unit : units.entrySet()) {
            w.string(unit.getKey());
            unit.getValue().forEach(w::bytes);
        }
        return w;
    }

    /** The message the OEM key signs for a bundle whose unsigned prefix is {@code prefix}. */
    static byte[] signedMessage(byte[] prefix, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prefix, 0, length);
            return CanonicalWriter.start(SIGNATURE_CONTEXT).bytes(sha.digest()).toByteArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strict parse; counts must agree with the header. Failures are {@link ProblemCode#BAD_BUNDLE}. */
    static BundleContainer parse(byte[] data) {
        U32Reader r = U32Reader.open(data, CONTEXT);
        byte[] headerBytes = r.bytes("header", 1, BundleHeaderCodec.MAX_BYTES);
        BundleHeader header = BundleHeaderCodec.decode(headerBytes);
        long n = r.u32("lot item count");
        if (n != header.lotItemNames().size()) {
            throw bad("lot item count " + n + " differs from the header's " + header.lotItemNames().size());
        }
        List<byte[]> lot = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lot.add(r.bytes("sealed lot item", BundleItemCipher.IV_BYTES + BundleItemCipher.TAG_BYTES, MAX_SEALED_ITEM));
        }
        long m = r.u32("unit count");
        if (m != header.unitCount()) {
            throw bad("unit count " + m + " differs from the header's " + header.unitCount());
        }
        int k = header.unitItemNames().size();
        Map<String, List<byte[]>> units = new LinkedHashMap<>();
        for (long u = 0; u < m; u++) {
            String serial = r.string("serial", 64, Fields.IDENTIFIER);
            List<byte[]> items = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                items.add(r.bytes("sealed unit item", BundleItemCipher.IV_BYTES + BundleItemCipher.TAG_BYTES,
                        MAX_SEALED_ITEM));
            }
            if (units.put(serial, items) != null) {
                throw bad("serial " + serial + " appears twice");
            }
        }
        int signedLength = r.position();
        byte[] signature = r.bytes("signature", SIGNATURE_BYTES, SIGNATURE_BYTES);
        r.end();
        return new BundleContainer(headerBytes, header, lot, units, signedMessage(data, signedLength), signature);
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_BUNDLE, "malformed bundle: " + detail);
    }
}
