package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleHeader;
import io.imprint.protocol.bundle.BundleSealer;
import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.MpKeyedHmac;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code imprint bundle build}: generates the requested random keys, derives the bundle key from
 * the product's MP key where that key lives (token or software), encrypts, signs with the OEM
 * bundle key and writes the bundle file atomically. Returns the {@link BundleManifest} to store.
 */
public final class BundleBuilder {
    private final MpKeyedHmac mpKey;
    private final BundleSigner signer;
    private final ECPublicKey receiptKey;
    private final Clock clock;

    /** @param receiptKey the OEM receipt key's public key: goes into the header; devices seal receipts to it */
    public BundleBuilder(MpKeyedHmac mpKey, BundleSigner signer, ECPublicKey receiptKey, Clock clock) {
        this.mpKey = mpKey;
        this.signer = signer;
        this.receiptKey = receiptKey;
        this.clock = clock;
    }

    public BundleManifest build(BundleSpec spec, Path out, BundleProgress progress) throws IOException {
        SecretItems lot = lotItems(spec);
        try {
            List<String> unitNames = spec.unitSecrets().isEmpty() ? List.of()
                    : spec.unitSecrets().values().iterator().next().names();
            Instant now = clock.instant();
            BundleHeader header = BundleHeader.create(spec.product(), spec.lot(), receiptKey, lot.names(), unitNames,
                    spec.unitSecrets().size(), spec.imageDigest(), now, spec.expiresAt());
            int total = spec.unitSecrets().size();
            byte[] bundle = BundleSealer.seal(header, lot, spec.unitSecrets(), mpKey, signer,
                    done -> progress.unitsSealed(done, total));
            writeAtomically(out, bundle);
            progress.unitsSealed(total, total);
            return manifest(header, lot, spec.unitSecrets());
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.BAD_BUNDLE, "cannot build bundle: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.INTERNAL, "cannot build bundle: " + e.getMessage(), e);
        } finally {
            lot.destroy();
        }
    }

    private static SecretItems lotItems(BundleSpec spec) {
        SecretItems.Builder b = SecretItems.builder();
        try {
            for (String name : spec.givenSecrets().names()) {
                byte[] v = spec.givenSecrets().value(name);
                b.add(name, v);
                Arrays.fill(v, (byte) 0);
            }
            for (Map.Entry<String, Integer> g : spec.generatedSecrets().entrySet()) {
                if (g.getValue() < 1 || g.getValue() > SecretItems.MAX_ITEM_BYTES) {
                    throw new IllegalArgumentException("generated secret " + g.getKey() + " length must be 1..65535");
                }
                byte[] v = Providers.randomBytes(g.getValue());
                b.add(g.getKey(), v);
                Arrays.fill(v, (byte) 0);
            }
        } catch (IllegalArgumentException e) {
            b.build().destroy();
            throw new ImprintException(ProblemCode.BAD_BUNDLE, "cannot build bundle: " + e.getMessage());
        }
        return b.build();
    }

    private static BundleManifest manifest(BundleHeader h, SecretItems lot, Map<String, SecretItems> units) {
        if (units.isEmpty()) {
            return new BundleManifest(h.bundleIdHex(), h.product(), h.lot(), h.createdAt(), h.expiresAt(), 0,
                    Optional.of(StoredDigest.of(lot, List.of())), Map.of());
        }
        Map<String, byte[]> digests = new HashMap<>();
        for (Map.Entry<String, SecretItems> unit : units.entrySet()) {
            SecretItems both = concat(lot, unit.getValue());
            digests.put(unit.getKey(), StoredDigest.of(both, List.of()));
            both.destroy();
        }
        return new BundleManifest(h.bundleIdHex(), h.product(), h.lot(), h.createdAt(), h.expiresAt(), units.size(),
                Optional.empty(), digests);
    }

    /** Lot items then unit items: the order a device stores and digests them. */
    static SecretItems concat(SecretItems lot, SecretItems unit) {
        SecretItems.Builder b = SecretItems.builder();
        List<SecretItems> parts = new ArrayList<>(List.of(lot, unit));
        for (SecretItems part : parts) {
            for (String name : part.names()) {
                byte[] v = part.value(name);
                b.add(name, v);
                Arrays.fill(v, (byte) 0);
            }
        }
        return b.build();
    }

    private static void writeAtomically(Path out, byte[] bundle) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".bundle-", ".tmp");
        try {
            Files.write(tmp, bundle);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
