package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalReader;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exact bytes of a {@link BundleHeader} (canonical encoding, u16 lengths, big-endian):
 *
 * <pre>"IMPRINT/BUNDLE-HEADER/v1" 00 | u16 formatVersion | bundleId(16) | product | lot
 * | u16 kdfAlgorithm | salt(32) | receiptKey(65, SEC1 uncompressed P-256) | u16 n | n x lotItemName | u16 m | m x unitItemName
 * | u64 unitCount | imageDigest (0 or 32 bytes) | u64 createdAt | u64 expiresAt</pre>
 */
public final class BundleHeaderCodec {
    public static final String CONTEXT = "IMPRINT/BUNDLE-HEADER/v1";
    public static final int MAX_BYTES = 8192;

    private BundleHeaderCodec() {
    }

    public static byte[] encode(BundleHeader h) {
        CanonicalWriter w = CanonicalWriter.start(CONTEXT).u16(h.formatVersion()).bytes(h.bundleId())
                .string(h.product()).string(h.lot()).u16(h.kdfAlgorithm()).bytes(h.salt())
                .bytes(h.receiptKey());
        w.u16(h.lotItemNames().size());
        h.lotItemNames().forEach(w::string);
        w.u16(h.unitItemNames().size());
        h.unitItemNames().forEach(w::string);
        return w.u64(h.unitCount()).bytes(h.imageDigest().orElse(new byte[0]))
                .u64(h.createdAt()).u64(h.expiresAt()).toByteArray();
    }

    /** Parses and validates; any problem is a {@link ProblemCode#BAD_BUNDLE}. */
    public static BundleHeader decode(byte[] data) {
        if (data.length > MAX_BYTES) {
            throw bad("header larger than " + MAX_BYTES + " bytes");
        }
        try {
            CanonicalReader r = CanonicalReader.open(data, CONTEXT);
            int version = r.u16("formatVersion");
            if (version != BundleHeader.FORMAT_VERSION) {
                throw bad("unsupported bundle format version " + version + (version == 1
                        ? " (v1 bundles carry no receipt key; rebuild with --receipt-key-label)" : ""));
            }
            byte[] id = r.bytes("bundleId", BundleHeader.BUNDLE_ID_BYTES, BundleHeader.BUNDLE_ID_BYTES);
            String product = r.string("product", 64, io.imprint.protocol.codec.Fields.IDENTIFIER);
            String lot = r.string("lot", 64, io.imprint.protocol.codec.Fields.IDENTIFIER);
            int kdf = r.u16("kdfAlgorithm");
            byte[] salt = r.bytes("salt", BundleHeader.SALT_BYTES, BundleHeader.SALT_BYTES);
            byte[] receiptKey = r.bytes("receiptKey", 65, 65);
            List<String> lotNames = names(r, "lot item");
            List<String> unitNames = names(r, "unit item");
            long unitCount = r.u64("unitCount");
            byte[] image = r.bytes("imageDigest", 0, 32);
            long created = r.u64("createdAt");
            long expires = r.u64("expiresAt");
            r.end();
            return new BundleHeader(version, id, product, lot, kdf, salt, receiptKey, lotNames, unitNames, unitCount,
                    image.length == 0 ? Optional.empty() : Optional.of(image), created, expires);
        } catch (ImprintException e) {
            throw e.code() == ProblemCode.BAD_BUNDLE ? e : bad(e.detail());
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    /** SHA-256 of the encoded header: bound into the AAD of every item. */
    public static byte[] digest(byte[] encodedHeader) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encodedHeader);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(CanonicalReader r, String what) {
        int n = r.u16(what + " count");
        if (n > SecretItems.MAX_ITEMS) {
            throw bad("more than " + SecretItems.MAX_ITEMS + " " + what + "s");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.string(what + " name", 64, SecretItems.NAME));
        }
        return out;
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_BUNDLE, "malformed bundle header: " + detail);
    }
}
