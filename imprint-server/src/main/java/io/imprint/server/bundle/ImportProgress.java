package io.imprint.server.bundle;

/** Progress of a receipts import, for a progress bar. */
@FunctionalInterface
public interface ImportProgress {
    /** One more receipt of {@code total} is handled (accepted, skipped or refused). */
    void receiptDone(int total);

    ImportProgress NONE = total -> { };
}
