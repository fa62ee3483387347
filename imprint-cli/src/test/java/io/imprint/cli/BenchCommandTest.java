package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint bench provision} provisions every unit and prints its table (timings are never asserted). */
class BenchCommandTest {
    @TempDir Path tmp;

    @Test
    void provision_smallRun_provisionsEveryUnitAndPrintsPercentiles() {
        Path data = tmp.resolve("bench");
        CliRun run = CliRun.of("bench", "provision", "--devices", "6", "--stations", "2", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("6 units on 2 stations")
                .contains("6 units provisioned in the store")
                .containsPattern("phase\\s+p50 ms\\s+p95 ms\\s+p99 ms\\s+max ms\\s+share")
                .containsPattern("whole provisioning\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9.]+\\s+100%")
                .contains("attestation round trip");
        assertThat(data.resolve("imprint.db")).exists();
    }

    @Test
    void provisionAndBundle_withoutKeep_removeTheirTemporaryDirectories() {
        CliRun provision = CliRun.of("bench", "provision", "--devices", "2", "--stations", "1");
        assertThat(provision.exitCode()).as(provision.out() + provision.err()).isZero();
        assertThat(removedDirectory(provision.out(), "Data directory ")).doesNotExist();

        CliRun bundle = CliRun.of("bench", "bundle", "--units", "3");
        assertThat(bundle.exitCode()).as(bundle.out() + bundle.err()).isZero();
        assertThat(removedDirectory(bundle.out(), "Work directory ")).doesNotExist();
    }

    private static Path removedDirectory(String out, String prefix) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(prefix + "(\\S+) is removed now \\(--keep keeps it\\)")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void provision_tooManyStations_refused() {
        CliRun run = CliRun.of("bench", "provision", "--stations", "65");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--stations must be 1..64");
    }
}
