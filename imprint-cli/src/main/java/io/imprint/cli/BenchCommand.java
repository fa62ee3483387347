package io.imprint.cli;

import io.imprint.cli.bench.BundleBench;
import io.imprint.cli.bench.ProvisionBench;
import picocli.CommandLine.Command;

/** {@code imprint bench ...}: timings of the heavy paths, printed (never asserted anywhere). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint bench provision --devices 2000 --stations 4",
                "  imprint bench bundle --units 10000"},
        description = "Benchmarks (timings only).",
        subcommands = {ProvisionBench.class, BundleBench.class})
final class BenchCommand {
}
