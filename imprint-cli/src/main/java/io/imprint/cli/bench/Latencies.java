package io.imprint.cli.bench;

import io.imprint.cli.bench.TimedProvisioning.Phase;
import io.imprint.cli.console.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-unit phase timings from many stations; percentiles by nearest rank. Thread-safe. */
final class Latencies {
    private final List<long[]> samples = new ArrayList<>();

    synchronized void add(long[] phases) {
        samples.add(phases.clone());
    }

    synchronized int count() {
        return samples.size();
    }

    /**
     * One row per phase: p50, p95, p99 and max in milliseconds, and the phase's share of the summed
     * whole-provisioning time.
     */
    synchronized Table table() {
        Table t = new Table("phase", "p50 ms", "p95 ms", "p99 ms", "max ms", "share");
        double whole = sum(Phase.WHOLE);
        double server = 0;
        for (Phase p : Phase.values()) {
            long[] sorted = samples.stream().mapToLong(s -> s[p.ordinal()]).sorted().toArray();
            t.row(p.label, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)),
                    ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), percent(sum(p), whole));
            server += p.server ? sum(p) : 0;
        }
        t.row("round trips (server, TLS, HTTP)", "", "", "", "", percent(server, whole));
        return t;
    }

    private double sum(Phase p) {
        return samples.stream().mapToLong(s -> s[p.ordinal()]).sum();
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.1f", nanos / 1e6);
    }

    private static String percent(double part, double whole) {
        return whole <= 0 ? "" : String.format("%.0f%%", 100 * part / whole);
    }

    @Override
    public synchronized String toString() {
        return "Latencies[" + samples.size() + " units, phases " + Arrays.toString(Phase.values()) + "]";
    }
}
