package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One operator's command lines against a running server's admin API ({@code --server}). */
record AdminRemote(String url, Path operator, String pin) {
    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", url, "--operator", operator.toString(), "--server-fingerprint", pin));
        return CliRun.of(all.toArray(String[]::new));
    }

    String ok(String... args) {
        CliRun r = run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.out();
    }
}
