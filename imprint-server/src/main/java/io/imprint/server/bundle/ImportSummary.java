package io.imprint.server.bundle;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one receipts import did.
 *
 * @param imported receipts accepted now: one unit each, counted against its order, now {@code provisioned}
 * @param alreadyImported lines an earlier import accepted, or the same unit again: skipped, nothing recorded
 * @param refusedByCode receipts refused by this import, by problem slug; includes lines refused again for
 *     a reason that later state can change (their event was written when the reason first appeared)
 * @param skipped lines of another product than the one asked for: nothing evaluated or recorded
 * @param refusedEarlier lines an earlier import refused for good (counterfeit, clone, mismatch...): not
 *     evaluated again, nothing recorded, not counted as refused by this import
 * @param refusedLines the lines behind {@code refusedByCode}, in file order (empty in {@link #counts()})
 */
public record ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode, int skipped,
                            int refusedEarlier, List<RefusedLine> refusedLines) {
    public ImportSummary {
        refusedByCode = Map.copyOf(refusedByCode);
        refusedLines = List.copyOf(refusedLines);
    }

    /** Counts only: an import that skipped no line and met no line refused earlier. */
    public ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode) {
        this(imported, alreadyImported, refusedByCode, 0, 0, List.of());
    }

    /** Counts only. */
    public ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode, int skipped) {
        this(imported, alreadyImported, refusedByCode, skipped, 0, List.of());
    }

    /** Counts only. */
    public ImportSummary(int imported, int alreadyImported, Map<String, Integer> refusedByCode, int skipped,
                         int refusedEarlier) {
        this(imported, alreadyImported, refusedByCode, skipped, refusedEarlier, List.of());
    }

    /** Receipts refused by this import, all codes together. */
    public int refused() {
        return refusedByCode.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The refusals sorted by slug, for printing. */
    public Map<String, Integer> refusedSorted() {
        return new TreeMap<>(refusedByCode);
    }

    /** The same counts without the refused lines, e.g. to compare two imports. */
    public ImportSummary counts() {
        return new ImportSummary(imported, alreadyImported, refusedByCode, skipped, refusedEarlier);
    }
}
