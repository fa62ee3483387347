package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job, end to end over TLS on loopback with emulated devices and the embedded store. */
class DemoCommandTest {
    private static final Pattern STORE = Pattern.compile("store\\s+embedded SQLite in (\\S+)");
    @TempDir Path tmp;

    @Test
    void demo_dataDirGiven_provisionsAllRefusesEveryAttackAndEveryPrintedNextCommandWorks() throws Exception {
        Path data = tmp.resolve("demo");
        CliRun run = CliRun.of("demo", "--devices", "12", "--stations", "4", "--data-dir", data.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("EMULATED i.MX")
                .contains("replayed message   refused: nonce-used (409)")
                .contains("clone              refused: serial-in-use (409)")
                .contains("overproduction     refused: quota-exhausted (409)")
                .contains("counterfeit        refused: bad-signature (403)")
                .contains("wrong SRK hash     refused: srk-mismatch (403)")
                .contains("tampered message   refused: bad-signature (403)")
                .contains("outdated firmware  refused: policy-violation (403)")
                .contains("hash-chained entries verified")
                .containsPattern("provisioned \\(confirmed by receipt\\)\\s+12")
                .containsPattern("awaiting receipt \\(issued, not confirmed\\)\\s+0")
                .contains("Data lives in " + data);
        assertThat(data.resolve("imprint.db")).exists();
        try (var devices = Files.list(data.resolve("devices"))) {
            assertThat(devices.count()).as("one blob directory per provisioned device").isGreaterThanOrEqualTo(12);
        }
        assertThat(run.out()).contains("delivered to each unit")
                .contains("disk-encryption-key (random, 32 bytes), cloud-api-token (random, 32 bytes), and a device "
                        + "certificate")
                .contains("Next, try these on the demo's data");

        List<List<String>> commands = nextCommands(run.out());
        assertThat(commands).extracting(c -> String.join(" ", c.subList(0, 2))).containsExactly("report --data-dir",
                "audit verify", "bundle build", "device apply-bundle", "receipts import", "report --data-dir");
        CliRun last = null;
        for (List<String> command : commands) {
            last = CliRun.of(command.toArray(String[]::new));
            assertThat(last.exitCode()).as(command + ": " + last.out() + last.err()).isZero();
        }
        assertThat(last.out()).as("the imported receipt counts as one offline unit")
                .containsPattern("provisioned\\s+0\\s+1\\s+1")
                .containsPattern("PO-DEMO-OFFLINE\\s+acme-ems\\s+open\\s+10\\s+0/1\\s+0/0\\s+0/1");
    }

    @Test
    void demo_opteeBackend_provisionsThroughTheLibteecDoubleWithOpteeFillAndRefusesEveryAttack() {
        Path data = tmp.resolve("optee");
        CliRun run = CliRun.of("demo", "--backend", "optee", "--devices", "4", "--stations", "2", "--data-dir",
                data.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("real OP-TEE binding").contains("EMULATION of OP-TEE's MP and OCOTP PTAs")
                .contains("MP key read from reference chip through OP-TEE's MP PTA")
                .contains("MPMR optee")
                .contains("clone              refused: serial-in-use (409)")
                .contains("counterfeit        refused: bad-signature (403)")
                .contains("wrong SRK hash     refused: srk-mismatch (403)")
                .contains("tampered message   refused: bad-signature (403)")
                .containsPattern("provisioned \\(confirmed by receipt\\)\\s+4");
        assertThat(data.resolve("teec-double")).isDirectory();
    }

    @Test
    void demo_withoutKeep_removesItsTemporaryDirectory() {
        CliRun run = CliRun.of("demo", "--devices", "2", "--stations", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        Path dir = storeDir(run.out());
        assertThat(dir).doesNotExist();
        assertThat(run.out()).contains("./imprint demo --keep").contains("Removing the demo's data directory " + dir)
                .doesNotContain("Next, try these");
    }

    @Test
    void demo_keep_keepsTemporaryDirectoryAndItsReportAndAuditCommandsWork() throws Exception {
        CliRun run = CliRun.of("demo", "--devices", "2", "--stations", "1", "--keep");
        Path dir = storeDir(run.out());
        try {
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(dir.resolve("imprint.db")).exists();
            List<List<String>> commands = nextCommands(run.out());
            CliRun report = CliRun.of(commands.get(0).toArray(String[]::new));
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(report.out()).containsPattern("provisioned\\s+2\\s+0\\s+2").contains("PO-DEMO-001");
            assertThat(commands.get(0)).contains(dir.toString());
            CliRun audit = CliRun.of(commands.get(1).toArray(String[]::new));
            assertThat(audit.exitCode()).as(audit.err()).isZero();
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void demo_keepRunningThenStopped_adminAndConsoleReachableAsPrintedThenDirectoryRemoved() throws Exception {
        Path dir;
        try (RunningDemo demo = RunningDemo.start(tmp.resolve("demo.log"), 2)) {
            String out = demo.out();
            dir = demo.dataDir();
            List<String> remote = demo.nextCommands().stream().filter(c -> c.contains("--server")).findFirst()
                    .orElseThrow();
            assertThat(remote).contains("--server-fingerprint").contains(dir.resolve("operators/demo-admin").toString());
            assertThat(out).containsPattern("admin API https://127\\.0\\.0\\.1:\\d+");
            CliRun report = CliRun.of(remote.toArray(String[]::new));
            assertThat(report.exitCode()).as(report.out() + report.err()).isZero();
            assertThat(report.out()).contains("PO-DEMO-001");

            Path p12 = dir.resolve("operators/demo-admin.p12");
            Path password = dir.resolve("operators/demo-admin.p12.password");
            assertThat(out).containsPattern("Operator console \\(in a browser, as oem-admin demo-admin\\): "
                            + "https://127\\.0\\.0\\.1:\\d+/console/")
                    .contains("certificate " + p12 + " (its password is in " + password + ", mode 600)")
                    .contains("    pk12util -i " + p12 + " -d sql:$HOME/.pki/nssdb -w " + password + "\n");
            assertThat(Files.getPosixFilePermissions(password)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(out).as("the password is never printed")
                    .doesNotContain(Files.readString(password, StandardCharsets.US_ASCII).strip());
        }
        assertThat(dir).as("removed on SIGTERM without --keep").doesNotExist();
    }

    @Test
    void demo_nonEmptyDataDir_refusedWithOneLine() throws Exception {
        Files.writeString(tmp.resolve("something"), "x");
        CliRun run = CliRun.of("demo", "--devices", "2", "--data-dir", tmp.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: ").contains("not empty").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void demo_zeroDevices_refused() {
        CliRun run = CliRun.of("demo", "--devices", "0");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--devices must be 1..100000");
    }

    private static Path storeDir(String out) {
        Matcher m = STORE.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Path.of(m.group(1));
    }

    /** The printed {@code ./imprint ...} lines as argument lists, read as a POSIX shell would. */
    static List<List<String>> nextCommands(String out) {
        return out.lines().filter(l -> l.startsWith("  ./imprint ")).map(l -> words(l.substring("  ./imprint ".length())))
                .toList();
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
