package io.imprint.protocol.bundle;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Verifies and decrypts a bundle, in this order: size and structure; OEM signature; product;
 * expiry; image digest; serial entry; then every item the unit needs is decrypted before any is
 * returned. Any failure is an {@link ImprintException} with {@link ProblemCode#BAD_BUNDLE} and a
 * one-line detail, and nothing decrypted escapes.
 */
public final class BundleOpener {
    private BundleOpener() {
    }

    /** Verifies the OEM signature only and returns the header (for inspection and receipt import). */
    public static BundleHeader verifiedHeader(byte[] bundle, ECPublicKey oemKey) {
        return verify(bundle, oemKey).header;
    }

    public static OpenedBundle open(byte[] bundle, ECPublicKey oemKey, BundleExpectation expect, MpKeyedHmac hmac) {
        BundleContainer c = verify(bundle, oemKey);
        BundleHeader h = c.header;
        if (!h.product().equals(expect.product())) {
            throw bad("bundle is for product " + h.product() + ", this device is " + expect.product());
        }
        if (expect.now().getEpochSecond() > h.expiresAt()) {
            throw bad("bundle " + h.bundleIdHex() + " expired at " + java.time.Instant.ofEpochSecond(h.expiresAt()));
        }
        Optional<byte[]> bound = h.imageDigest();
        if (bound.isPresent()) {
            byte[] actual = expect.imageDigest().orElseThrow(
                    () -> bad("bundle is bound to an image digest but the device gave none"));
            if (!MessageDigest.isEqual(bound.get(), actual)) {
                throw bad("bundle is bound to another production image (image digest differs)");
            }
        }
        List<byte[]> unitSealed = List.of();
        if (!h.unitItemNames().isEmpty()) {
            unitSealed = c.units.get(expect.serial());
            if (unitSealed == null) {
                throw bad("serial " + expect.serial() + " has no entry in bundle " + h.bundleIdHex());
            }
        }
        return new OpenedBundle(h, expect.serial(), decryptAll(c, expect.serial(), unitSealed, hmac));
    }

    private static SecretItems decryptAll(BundleContainer c, String serial, List<byte[]> unitSealed,
            MpKeyedHmac hmac) {
        BundleHeader h = c.header;
        byte[] headerDigest = BundleHeaderCodec.digest(c.headerBytes);
        SecretItems.Builder items = SecretItems.builder();
        BundleKey key = null;
        try {
            key = BundleKdf.derive(hmac, h);
            for (int i = 0; i < h.lotItemNames().size(); i++) {
                add(items, h.lotItemNames().get(i), BundleItemCipher.open(key, headerDigest,
                        h.lotItemNames().get(i), "", c.lotItems.get(i)));
            }
            for (int i = 0; i < unitSealed.size(); i++) {
                add(items, h.unitItemNames().get(i), BundleItemCipher.open(key, headerDigest,
                        h.unitItemNames().get(i), serial, unitSealed.get(i)));
            }
            return items.build();
        } catch (javax.crypto.AEADBadTagException e) {
            items.build().destroy();
            throw bad("bundle " + h.bundleIdHex() + " does not decrypt: not made for this device's MP key,"
                    + " or altered");
        } catch (GeneralSecurityException e) {
            items.build().destroy();
            throw new ImprintException(ProblemCode.BAD_BUNDLE, "bundle key derivation failed: " + e.getMessage(), e);
        } finally {
            if (key != null) {
                key.destroy();
            }
        }
    }

    private static void add(SecretItems.Builder items, String name, byte[] value) {
        try {
            items.add(name, value);
        } finally {
            Arrays.fill(value, (byte) 0);
        }
    }

    private static BundleContainer verify(byte[] bundle, ECPublicKey oemKey) {
        if (bundle.length > BundleSealer.MAX_BUNDLE_BYTES) {
            throw bad("bundle larger than " + BundleSealer.MAX_BUNDLE_BYTES + " bytes");
        }
        BundleContainer c = BundleContainer.parse(bundle);
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(oemKey);
            ecdsa.update(c.signedMessage);
            if (!ecdsa.verify(c.signature)) {
                throw bad("bundle signature does not verify with the given OEM bundle key (wrong signer or altered)");
            }
        } catch (GeneralSecurityException e) {
            throw bad("bundle signature does not verify with the given OEM bundle key: " + e.getMessage());
        }
        return c;
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_BUNDLE, detail);
    }
}
