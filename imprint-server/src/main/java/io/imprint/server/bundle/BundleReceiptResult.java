package io.imprint.server.bundle;

import io.imprint.protocol.bundle.BundleReceipt;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Optional;

/** The outcome for one line of a receipts file: verified, or refused with a classification. */
public sealed interface BundleReceiptResult {
    /** 1-based line number in the receipts file. */
    int line();

    /** A receipt whose MP signature verified and which matches a known bundle: one unit built. */
    record VerifiedBundleReceipt(int line, BundleReceipt receipt) implements BundleReceiptResult {
    }

    /** A refused receipt; {@code receipt} is present when the line parsed. */
    record RefusedBundleReceipt(int line, Refusal refusal, String detail, Optional<BundleReceipt> receipt)
            implements BundleReceiptResult {
    }

    /**
     * Why a receipt was refused, the problem code to record it under, and whether the verdict is
     * final: a settled refusal depends only on the line and on what never changes (the enrolled MP
     * key, a recorded bundle's manifest); an unsettled one depends on state that can change later.
     */
    enum Refusal {
        /** The line or receipt bytes do not parse, or the line does not open with the receipt key. */
        MALFORMED(ProblemCode.BAD_RECEIPT, true),
        /** The MP signature does not verify with the product's MP key: not one of our chips. */
        COUNTERFEIT(ProblemCode.BAD_SIGNATURE, true),
        /** No bundle with this id is recorded (yet), or its product is not enrolled (yet). */
        UNKNOWN_BUNDLE(ProblemCode.BAD_RECEIPT, false),
        /** The receipt names another product than the recorded bundle it names. */
        PRODUCT_MISMATCH(ProblemCode.BAD_RECEIPT, true),
        /** The serial has no entry in a bundle with per-unit items. */
        SERIAL_NOT_IN_BUNDLE(ProblemCode.SERIAL_NOT_AUTHORIZED, true),
        /** The unit reports storing something other than what the bundle holds for it. */
        DIGEST_MISMATCH(ProblemCode.RECEIPT_MISMATCH, true),
        /** A chip already seen with another serial in this file. */
        CLONE_CHIP(ProblemCode.CHIP_SERIAL_MISMATCH, true),
        /** A serial already seen on another chip in this file. */
        CLONE_SERIAL(ProblemCode.SERIAL_IN_USE, true),
        /** The same chip, serial and bundle again (the bundle was re-applied): not counted twice. */
        REPEATED(ProblemCode.CONFLICT, true);

        private final ProblemCode problem;
        private final boolean settles;

        Refusal(ProblemCode problem, boolean settles) {
            this.problem = problem;
            this.settles = settles;
        }

        public ProblemCode problem() {
            return problem;
        }

        /** True when no later state can turn this refusal into an acceptance. */
        public boolean settles() {
            return settles;
        }
    }
}
