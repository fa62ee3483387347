package io.imprint.server.bundle;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one receipts import did.
 *
 * @param imported receipts accepted now: one unit each, counted against its order, now {@code provisioned}
 * @param alreadyImported lines processed by an earlier import (or the same unit again): skipped, nothing recorded
 * @param refusedByCode receipts refused now, by problem slug (each also an event)
 */
public record ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode) {
    public ImportSummary {
        refusedByCode = Map.copyOf(refusedByCode);
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
