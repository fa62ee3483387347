package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import io.imprint.protocol.envelope.SecretItems;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The authenticated header of an offline bundle: what it is for, how its key is derived and
 * which items it carries. Every field is covered by the OEM signature and, through its digest, by
 * the AAD of every encrypted item. Not secret.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param bundleId 16 random bytes naming this bundle
 * @param product the product the bundle is for
 * @param lot the production order (lot) name
 * @param kdfAlgorithm {@link BundleKdf#ALGORITHM_ID}
 * @param salt 32 random bytes, per bundle, input to the KDF
 * @param receiptKey the OEM's receipt-encryption public key (ECDH P-256, SEC1 uncompressed, 65 bytes):
 *     devices seal their receipts to it ({@link ReceiptSeal})
 * @param lotItemNames names of the lot-wide secrets, in container order
 * @param unitItemNames names of the per-unit secrets each unit entry carries, in order (may be empty)
 * @param unitCount number of per-unit entries (0 when {@code unitItemNames} is empty)
 * @param imageDigest SHA-256 of the production image the bundle is bound to, if any
 * @param createdAt creation time, epoch seconds
 * @param expiresAt the bundle is refused after this time, epoch seconds
 */
public record BundleHeader(int formatVersion, byte[] bundleId, String product, String lot, int kdfAlgorithm,
        byte[] salt, byte[] receiptKey, List<String> lotItemNames, List<String> unitItemNames, long unitCount,
        Optional<byte[]> imageDigest, long createdAt, long expiresAt) {
    public static final int FORMAT_VERSION = 2;
    public static final int BUNDLE_ID_BYTES = 16;
    public static final int SALT_BYTES = 32;
    public static final int MAX_UNITS = 100_000;

    public BundleHeader {
        bundleId = bundleId.clone();
        salt = salt.clone();
        receiptKey = receiptKey.clone();
        lotItemNames = List.copyOf(lotItemNames);
        unitItemNames = List.copyOf(unitItemNames);
        imageDigest = imageDigest.map(byte[]::clone);
        receiptPublicKey(receiptKey);
        validate(formatVersion, bundleId, product, lot, kdfAlgorithm, salt, lotItemNames, unitItemNames,
                unitCount, imageDigest, createdAt, expiresAt);
    }

    /** A new header with a fresh random bundle id and salt. */
    public static BundleHeader create(String product, String lot, ECPublicKey receiptKey, List<String> lotItemNames,
            List<String> unitItemNames, long unitCount, Optional<byte[]> imageDigest, Instant createdAt,
            Instant expiresAt) {
        return new BundleHeader(FORMAT_VERSION, Providers.randomBytes(BUNDLE_ID_BYTES), product, lot,
                BundleKdf.ALGORITHM_ID, Providers.randomBytes(SALT_BYTES), EcPoints.toUncompressed(receiptKey), lotItemNames, unitItemNames, unitCount,
                imageDigest, createdAt.getEpochSecond(), expiresAt.getEpochSecond());
    }

    @Override public byte[] bundleId() { return bundleId.clone(); }
    @Override public byte[] salt() { return salt.clone(); }
    @Override public byte[] receiptKey() { return receiptKey.clone(); }
    @Override public Optional<byte[]> imageDigest() { return imageDigest.map(byte[]::clone); }

    /** Lowercase hex of the bundle id, how bundles are named in files, receipts and reports. */
    public String bundleIdHex() {
        return HexFormat.of().formatHex(bundleId);
    }

    /** The receipt key as a JDK public key. */
    public ECPublicKey receiptPublicKey() {
        return receiptPublicKey(receiptKey);
    }

    private static ECPublicKey receiptPublicKey(byte[] sec1) {
        try {
            return EcPoints.fromUncompressed(sec1, EcPoints.curve("secp256r1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("receipt key must be a P-256 point, SEC1 uncompressed (65 bytes): "
                    + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "BundleHeader[" + bundleIdHex() + " product=" + product + " lot=" + lot + " items=" + lotItemNames
                + " unitItems=" + unitItemNames + " units=" + unitCount + " expiresAt=" + expiresAt + "]";
    }

    private static void validate(int formatVersion, byte[] bundleId, String product, String lot, int kdfAlgorithm,
            byte[] salt, List<String> lotItemNames, List<String> unitItemNames, long unitCount,
            Optional<byte[]> imageDigest, long createdAt, long expiresAt) {
        require(formatVersion == FORMAT_VERSION, "unsupported bundle format version " + formatVersion);
        require(kdfAlgorithm == BundleKdf.ALGORITHM_ID, "unsupported bundle KDF algorithm " + kdfAlgorithm);
        require(bundleId.length == BUNDLE_ID_BYTES, "bundle id must be 16 bytes");
        require(salt.length == SALT_BYTES, "bundle salt must be 32 bytes");
        require(product != null && Fields.IDENTIFIER.matcher(product).matches(), "invalid product name");
        require(lot != null && Fields.IDENTIFIER.matcher(lot).matches(), "invalid lot name");
        require(lotItemNames.size() + unitItemNames.size() > 0, "a bundle must carry at least one item");
        require(lotItemNames.size() + unitItemNames.size() <= SecretItems.MAX_ITEMS,
                "more than " + SecretItems.MAX_ITEMS + " item names");
        HashSet<String> seen = new HashSet<>();
        for (String name : lotItemNames) {
            require(SecretItems.NAME.matcher(name).matches() && seen.add(name), "invalid or duplicate item name");
        }
        for (String name : unitItemNames) {
            require(SecretItems.NAME.matcher(name).matches() && seen.add(name), "invalid or duplicate item name");
        }
        require(unitItemNames.isEmpty() ? unitCount == 0 : unitCount >= 1 && unitCount <= MAX_UNITS,
                "per-unit entry count must be 1.." + MAX_UNITS + " with per-unit items, 0 without");
        require(imageDigest.map(d -> d.length == 32).orElse(true), "image digest must be 32 bytes");
        require(createdAt >= 0 && expiresAt > createdAt, "expiry must be after creation");
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new IllegalArgumentException(detail);
        }
    }
}
