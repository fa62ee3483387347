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

    /** Why a receipt was refused, and the problem code to record it under. */
    enum Refusal {
        /** The line or receipt bytes do not parse. */
        MALFORMED(ProblemCode.BAD_RECEIPT),
        /** The MP signature does not verify with the product's MP key: not one of our chips. */
        COUNTERFEIT(ProblemCode.BAD_SIGNATURE),
        /** No bundle with this id was built (or it belongs to another product). */
        UNKNOWN_BUNDLE(ProblemCode.BAD_RECEIPT),
        /** The serial has no entry in a bundle with per-unit items. */
        SERIAL_NOT_IN_BUNDLE(ProblemCode.SERIAL_NOT_AUTHORIZED),
        /** The unit reports storing something other than what the bundle holds for it. */
        DIGEST_MISMATCH(ProblemCode.RECEIPT_MISMATCH),
        /** A chip already seen with another serial in this file. */
        CLONE_CHIP(ProblemCode.CHIP_SERIAL_MISMATCH),
        /** A serial already seen on another chip in this file. */
        CLONE_SERIAL(ProblemCode.SERIAL_IN_USE),
        /** The same chip, serial and bundle again (the bundle was re-applied): not counted twice. */
        REPEATED(ProblemCode.CONFLICT);

        private final ProblemCode problem;

        Refusal(ProblemCode problem) {
            this.problem = problem;
        }

        public ProblemCode problem() {
            return problem;
        }
    }
}
