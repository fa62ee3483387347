package io.imprint.server.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one receipts import did.
 *
 * @param imported receipts accepted now: one unit each, counted against its order, now {@code provisioned}
 * @param alreadyImported lines whose verdict an earlier import settled (accepted, or refused for good), or
 *     the same unit again: skipped, nothing recorded
 * @param refusedByCode receipts refused by this import, by problem slug; includes lines refused again for
 *     a reason that later state can change (their event was written when the reason first appeared)
 * @param skipped lines of another product than the one asked for: nothing evaluated or recorded
 */
public record ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode, int skipped) {
    public ImportSummary {
        refusedByCode = Map.copyOf(refusedByCode);
    }

    /** An import that skipped no line. */
    public ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode) {
        this(imported, alreadyImported, refusedByCode, 0);
    }

    /** Receipts refused by this import, all codes together. */
    public int refused() {
        return refusedByCode.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The refusals sorted by slug, for printing. */
    public Map<String, Integer> refusedSorted() {
        return new TreeMap<>(refusedByCode);
    }
}
