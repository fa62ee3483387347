package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.bundle.SignedReceipt;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.bundle.BundleReceiptResult.RefusedBundleReceipt;
import io.imprint.server.bundle.BundleReceiptResult.Refusal;
import io.imprint.server.bundle.BundleReceiptResult.VerifiedBundleReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code imprint receipts import}: opens every sealed line of a receipts file with the OEM receipt
 * key, then checks each, in order, against the product's MP public key and the manifests of the bundles built for it. Pure: it stores nothing.
 * The caller records each {@link VerifiedBundleReceipt} as one provisioned unit (and must also
 * refuse chips and serials already provisioned in the database, which this file-local check
 * cannot see), and each {@link RefusedBundleReceipt} as an event with {@code refusal().problem()}.
 */
public final class BundleReceiptVerifier {
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final int MAX_LINES = 200_000;

    /** Reads and checks a receipts file; a file over the limits is refused whole. */
    public List<BundleReceiptResult> verifyFile(Path file, ReceiptKeyAgreement receiptKey, MpPublicKey productKey,
            Map<String, BundleManifest> bundles) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, "receipts file larger than " + MAX_FILE_BYTES + " bytes");
        }
        return verify(Files.readAllLines(file, StandardCharsets.UTF_8), receiptKey, productKey, bundles);
    }

    /** Opens every line with the OEM receipt key, then checks it: {@link #verify(List, MpPublicKey, Map)}. */
    public List<BundleReceiptResult> verify(List<String> lines, ReceiptKeyAgreement receiptKey, MpPublicKey productKey,
            Map<String, BundleManifest> bundles) {
        if (lines.size() > MAX_LINES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, "receipts file has more than " + MAX_LINES + " lines");
        }
        return verify(OpenedLine.openAll(lines, receiptKey), productKey, bundles);
    }

    /**
     * @param lines the file's opened lines ({@link OpenedLine#openAll}); a line that did not open is
     *     {@link Refusal#MALFORMED} ({@code bad-receipt}), not counterfeit: nothing in it can be
     *     attributed to a chip
     * @param bundles recorded bundle manifests by lowercase hex bundle id (one of another product than the
     *     receipt names is {@link Refusal#PRODUCT_MISMATCH}; none is {@link Refusal#UNKNOWN_BUNDLE})
     * @return one result per line, in file order
     */
    public List<BundleReceiptResult> verify(List<OpenedLine> lines, MpPublicKey productKey,
            Map<String, BundleManifest> bundles) {
        List<BundleReceiptResult> out = new ArrayList<>();
        Map<String, String> serialByChip = new HashMap<>();
        Map<String, String> chipBySerial = new HashMap<>();
        for (OpenedLine line : lines) {
            out.add(check(line, productKey, bundles, serialByChip, chipBySerial));
        }
        return out;
    }

    private static BundleReceiptResult check(OpenedLine opened, MpPublicKey key, Map<String, BundleManifest> bundles,
            Map<String, String> serialByChip, Map<String, String> chipBySerial) {
        int n = opened.number();
        if (opened.signed().isEmpty()) {
            return new RefusedBundleReceipt(n, Refusal.MALFORMED, opened.problem(), Optional.empty());
        }
        SignedReceipt line = opened.signed().get();
        BundleReceipt r = line.receipt();
        try {
            MpVerifier.verify(key, line.mpmr(), line.receiptBytes(), line.signature());
        } catch (GeneralSecurityException e) {
            return refuse(n, Refusal.COUNTERFEIT, "MP signature of chip " + r.chipIdHex() + " does not verify", r);
        }
        BundleManifest m = bundles.get(r.bundleIdHex());
        if (m == null) {
            return refuse(n, Refusal.UNKNOWN_BUNDLE, "bundle " + r.bundleIdHex() + " is not recorded", r);
        }
        if (!m.product().equals(r.product())) {
            return refuse(n, Refusal.PRODUCT_MISMATCH, "receipt names product " + r.product() + " but bundle "
                    + m.bundleId() + " was built for " + m.product(), r);
        }
        Optional<byte[]> expected = m.expectedDigest(r.serial());
        if (expected.isEmpty()) {
            return refuse(n, Refusal.SERIAL_NOT_IN_BUNDLE, "serial " + r.serial() + " has no entry in bundle " + m.bundleId(), r);
        }
        if (!MessageDigest.isEqual(expected.get(), r.storedDigest())) {
            return refuse(n, Refusal.DIGEST_MISMATCH, "chip " + r.chipIdHex() + " stored other items than bundle "
                    + m.bundleId() + " holds for serial " + r.serial(), r);
        }
        String chip = r.chipIdHex();
        String seenSerial = serialByChip.get(chip);
        String seenChip = chipBySerial.get(r.serial());
        if (seenSerial != null && seenSerial.equals(r.serial())) {
            return refuse(n, Refusal.REPEATED, "chip " + chip + " with serial " + r.serial() + " already counted", r);
        }
        if (seenSerial != null) {
            return refuse(n, Refusal.CLONE_CHIP, "chip " + chip + " already built as serial " + seenSerial, r);
        }
        if (seenChip != null) {
            return refuse(n, Refusal.CLONE_SERIAL, "serial " + r.serial() + " already on chip " + seenChip, r);
        }
        serialByChip.put(chip, r.serial());
        chipBySerial.put(r.serial(), chip);
        return new VerifiedBundleReceipt(n, r);
    }

    private static RefusedBundleReceipt refuse(int n, Refusal refusal, String detail, BundleReceipt r) {
        return new RefusedBundleReceipt(n, refusal, detail, Optional.of(r));
    }
}
