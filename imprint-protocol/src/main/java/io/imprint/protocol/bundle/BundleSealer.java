package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Encrypts secrets into a signed bundle (the {@link BundleContainer} layout): derives the bundle
 * key with {@link BundleKdf}, seals every item with AES-256-GCM, signs with the OEM bundle key.
 */
public final class BundleSealer {
    /** Refuse to produce bundles larger than a device is willing to read. */
    public static final int MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

    private BundleSealer() {
    }

    /**
     * @param lotItems the lot-wide secrets, named and ordered as {@code header.lotItemNames()}
     * @param unitItems per-unit secrets by serial (iteration order kept), each named and ordered as
     *     {@code header.unitItemNames()}; empty when the header has no unit items
     * @param unitsDone called with the number of units sealed so far
     * @return the complete bundle file
     */
    public static byte[] seal(BundleHeader header, SecretItems lotItems, Map<String, SecretItems> unitItems,
            MpKeyedHmac hmac, BundleSigner signer, IntConsumer unitsDone) throws GeneralSecurityException {
        return seal(header, lotItems, unitItems, hmac, signer, unitsDone,
                () -> Providers.randomBytes(BundleItemCipher.IV_BYTES));
    }

    /** {@link #seal} with the item IVs drawn from {@code ivs}, in container order: known-answer tests only. */
    static byte[] seal(BundleHeader header, SecretItems lotItems, Map<String, SecretItems> unitItems,
            MpKeyedHmac hmac, BundleSigner signer, IntConsumer unitsDone, Supplier<byte[]> ivs)
            throws GeneralSecurityException {
        require(lotItems.names().equals(header.lotItemNames()), "lot items differ from the header's item names");
        require(unitItems.size() == header.unitCount(), "unit entries differ from the header's unit count");
        byte[] headerBytes = BundleHeaderCodec.encode(header);
        byte[] headerDigest = BundleHeaderCodec.digest(headerBytes);
        BundleKey key = BundleKdf.derive(hmac, header);
        try {
            List<byte[]> lot = new ArrayList<>();
            for (String name : header.lotItemNames()) {
                lot.add(sealOne(key, headerDigest, name, "", lotItems, ivs.get()));
            }
            Map<String, List<byte[]>> units = new LinkedHashMap<>();
            int done = 0;
            for (Map.Entry<String, SecretItems> unit : unitItems.entrySet()) {
                String serial = unit.getKey();
                require(serial != null && Fields.IDENTIFIER.matcher(serial).matches(), "invalid serial");
                require(unit.getValue().names().equals(header.unitItemNames()),
                        "unit " + serial + " items differ from the header's unit item names");
                List<byte[]> sealed = new ArrayList<>();
                for (String name : header.unitItemNames()) {
                    sealed.add(sealOne(key, headerDigest, name, serial, unit.getValue(), ivs.get()));
                }
                units.put(serial, sealed);
                unitsDone.accept(++done);
            }
            U32Writer w = BundleContainer.writeUnsigned(headerBytes, lot, units);
            byte[] prefix = w.toByteArray();
            byte[] signature = signer.sign(BundleContainer.signedMessage(prefix, prefix.length));
            require(signature.length == BundleContainer.SIGNATURE_BYTES, "bundle signer must return raw r||s");
            byte[] out = w.bytes(signature).toByteArray();
            require(out.length <= MAX_BUNDLE_BYTES, "bundle larger than " + MAX_BUNDLE_BYTES + " bytes");
            return out;
        } finally {
            key.destroy();
        }
    }

    private static byte[] sealOne(BundleKey key, byte[] headerDigest, String name, String serial, SecretItems items,
            byte[] iv) throws GeneralSecurityException {
        byte[] value = items.value(name);
        try {
            return BundleItemCipher.seal(key, headerDigest, name, serial, value, iv);
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new IllegalArgumentException(detail);
        }
    }
}
