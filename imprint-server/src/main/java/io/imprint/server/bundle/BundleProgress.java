package io.imprint.server.bundle;

/** Progress of a bundle build, for a progress bar. */
@FunctionalInterface
public interface BundleProgress {
    /** {@code unitsDone} of {@code unitsTotal} per-unit entries are sealed (0 of 0 for lot-only bundles). */
    void unitsSealed(int unitsDone, int unitsTotal);

    BundleProgress NONE = (done, total) -> { };
}
