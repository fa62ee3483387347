package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only init and server create a store; every other command refuses a directory or database without one. */
class InitCommandTest {
    private static final String KEY = "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
            + "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";
    @TempDir Path tmp;

    private static void assertOneLine(CliRun run, String start) {
        assertThat(run.exitCode()).as(run.out()).isNotZero();
        assertThat(run.err().strip()).startsWith(start).doesNotContain("\n");
    }

    @Test
    void commands_dataDirWithoutStore_refusedAndNothingCreated() {
        Path scratch = tmp.resolve("imprint-data"); // as `order list` in a scratch folder, or a mistyped --data-dir
        String dir = scratch.toString();
        for (List<String> command : List.of(List.of("order", "list"), List.of("product", "list"), List.of("report"),
                List.of("audit", "verify"), List.of("admin", "orders"),
                List.of("product", "enroll", "--name", "gw", "--part-number", "P", "--srk-hash", "a1".repeat(32),
                        "--mp-key", KEY),
                List.of("admin", "issue-cert", "--name", "al", "--role", "auditor", "--out", tmp.resolve("al").toString()))) {
            String[] args = new java.util.ArrayList<String>(command) {{ add("--data-dir"); add(dir); }}.toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertOneLine(run, "imprint: ");
            assertThat(run.err()).as(String.join(" ", command)).contains(dir).contains("imprint init");
            assertThat(scratch).as(String.join(" ", command)).doesNotExist();
        }
        assertThat(tmp.resolve("al.crt")).doesNotExist();
    }

    @Test
    void init_thenCommandsWork_andSecondInitRefused() {
        String dir = tmp.resolve("data").toString();
        CliRun init = CliRun.of("init", "--data-dir", dir);
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).startsWith("Created Imprint store ").contains("imprint.db").contains("keys/escrow.key")
                .contains("keys/audit.key").contains("admin/ca/ca.crt").contains("Next: imprint server --data-dir " + dir);
        CliRun list = CliRun.of("order", "list", "--data-dir", dir);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.err()).isEmpty();
        assertThat(CliRun.of("admin", "issue-cert", "--data-dir", dir, "--name", "carol", "--role", "auditor", "--out",
                tmp.resolve("carol").toString()).exitCode()).isZero();
        assertOneLine(CliRun.of("init", "--data-dir", dir), "imprint: " + dir + "/imprint.db already holds Imprint store ");
    }

    @Test
    void orderList_keyReadableByOthers_warnsNamingFileAndFix() throws Exception {
        Path dir = tmp.resolve("data");
        assertThat(CliRun.of("init", "--data-dir", dir.toString()).exitCode()).isZero();
        Path escrow = dir.resolve("keys/escrow.key");
        Files.setPosixFilePermissions(escrow, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun list = CliRun.of("order", "list", "--data-dir", dir.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.err().strip()).isEqualTo("imprint: warning: " + escrow + " is a private key open to its group"
                + " and others (mode rw-r--r--): run chmod 600 " + escrow);
    }

    @Test
    void enroll_databaseUrlWithAnotherDataDir_refusedAndNothingWritten() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        try (TestDatabases.PostgresSchema schema = TestDatabases.freshSchema()) {
            String url = schema.url();
            String a = tmp.resolve("a").toString();
            assertThat(CliRun.of("init", "--database-url", url, "--data-dir", a).exitCode()).isZero();
            // the server ran with --data-dir A; enroll without it used the default ./imprint-data
            Path missing = tmp.resolve("imprint-data");
            CliRun enroll = CliRun.of("product", "enroll", "--database-url", url, "--data-dir", missing.toString(),
                    "--name", "gw", "--part-number", "P", "--srk-hash", "a1".repeat(32), "--mp-key", KEY);
            assertOneLine(enroll, "imprint: " + missing + ": no such directory, but jdbc:postgresql:");
            assertThat(enroll.err()).doesNotContain("internal").doesNotContain("user=");
            assertThat(missing).doesNotExist();
            // another store's data directory (its own SQLite store) is refused too
            String b = tmp.resolve("b").toString();
            assertThat(CliRun.of("init", "--data-dir", b).exitCode()).isZero();
            assertOneLine(CliRun.of("order", "list", "--database-url", url, "--data-dir", b),
                    "imprint: " + b + "/keys/escrow.key is not the escrow key of Imprint store ");
            assertThat(tmp.resolve("b/ca")).doesNotExist();
            CliRun ok = CliRun.of("product", "enroll", "--database-url", url, "--data-dir", a, "--name", "gw",
                    "--part-number", "P", "--srk-hash", "a1".repeat(32), "--mp-key", KEY);
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(tmp.resolve("a/ca/gw/ca.key.pem")).exists();
        }
    }

    @Test
    void report_emptyDatabaseUrl_refusedAndNoSchemaOrDirectoryCreated() throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        try (TestDatabases.PostgresSchema schema = TestDatabases.freshSchema()) {
            Path dir = tmp.resolve("data");
            CliRun run = CliRun.of("report", "--database-url", schema.url(), "--data-dir", dir.toString());
            assertOneLine(run, "imprint: no Imprint store in the database jdbc:postgresql:");
            assertThat(run.err()).contains("imprint init");
            assertThat(dir).doesNotExist();
        }
    }
}
