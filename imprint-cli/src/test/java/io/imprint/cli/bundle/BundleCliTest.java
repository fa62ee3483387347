package io.imprint.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.cli.Main;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.keystore.KeyStoreUris;
import io.imprint.server.testing.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path through the {@code imprint} command: MP key into a SoftHSM2 token, OEM key,
 * bundle build (child JVMs, since SOFTHSM2_CONF must be set at start), two emulated chips apply,
 * receipts import twice; and one bad input per command (one line, non-zero exit, nothing stored).
 */
class BundleCliTest {
    private static final String SRK = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private static final String SEED = "0f0e0d0c0b0a09080706050403020100";
    @TempDir Path dir;

    record Result(int exit, String out, String err) { }

    @Test
    void offlineRoundTrip_softHsmToken_importsTwoUnitsOnceAndSecondImportChangesNothing() throws Exception {
        assumeTrue(ChildProcess.onPath("softhsm2-util") && Files.exists(KeyStoreUris.SOFTHSM2_MODULE), "SoftHSM2 not installed");
        String data = dir.resolve("data").toString();
        cli("device", "chip-init", "--dir", dir.resolve("chipA").toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--fuse-seed", SEED, "--chip-id", "0102030405060708");
        cli("device", "chip-init", "--dir", dir.resolve("chipB").toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--fuse-seed", SEED, "--chip-id", "0102030405060709");
        String pubk = cli("device", "chip-pubk", "--dir", dir.resolve("chipA").toString()).out().lines().skip(1)
                .findFirst().orElseThrow();
        cli("init", "--data-dir", data);
        cli("product", "enroll", "--data-dir", data, "--name", "widget", "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--mp-key", pubk);
        cli("order", "create", "--data-dir", data, "--name", "lot-1", "--product", "widget", "--cm", "Acme EMS",
                "--quantity", "3", "--serials", "SN000001..SN000003");
        Files.writeString(dir.resolve("psk.txt"), "correct horse battery staple");

        Path conf = softHsmToken();
        String uri = "pkcs11:token=imprint-cli?pin-source=file:" + dir.resolve("pin");
        String imported = child(conf, "product", "import-mp-key", "--data-dir", data, "--pkcs11", uri,
                "--mp-key-label", "widget-mp", "--product", "widget");
        assertThat(imported).contains("token=true sensitive=true extractable=false value-readable=false (kept inside)");
        child(conf, "bundle", "keygen", "--key-store", uri, "--signing-key-label", "oem", "--out", dir.resolve("oem.pem").toString());
        assertThat(child(conf, "bundle", "receipt-keygen", "--key-store", uri, "--receipt-key-label", "oem-receipt"))
                .contains("Created receipt key oem-receipt");
        String built = child(conf, "bundle", "build", "--data-dir", data, "--key-store", uri, "--mp-key-label",
                "widget-mp", "--signing-key-label", "oem", "--receipt-key-label", "oem-receipt", "--product", "widget",
                "--order", "lot-1",
                "--secret", "wifi-psk=@" + dir.resolve("psk.txt"), "--random", "disk-key:32",
                "--unit-random", "device-key:32", "--serials", "SN000001..SN000003", "--expires", "30d",
                "--out", dir.resolve("b.imb").toString());
        assertThat(built).contains("3 per-unit entries");

        for (String[] unit : new String[][] {{"chipA", "SN000001"}, {"chipB", "SN000002"}}) {
            String out = cli("device", "apply-bundle", "--dir", dir.resolve(unit[0]).toString(), "--bundle",
                    dir.resolve("b.imb").toString(), "--oem-key", dir.resolve("oem.pem").toString(), "--product",
                    "widget", "--serial", unit[1], "--receipts", dir.resolve("receipts.txt").toString()).out();
            assertThat(out).contains("stored wifi-psk, disk-key, device-key");
            assertThat(blobs(dir.resolve(unit[0]))).hasSize(3);
        }
        List<String> sealed = Files.readAllLines(dir.resolve("receipts.txt"));
        assertThat(sealed).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("imprint-bundle-receipt-v2 "));
        String first = child(conf, "receipts", "import", "--data-dir", data, "--file", dir.resolve("receipts.txt").toString(),
                "--key-store", uri, "--receipt-key-label", "oem-receipt");
        assertThat(first).containsPattern("imported\\s+2").containsPattern("already imported\\s+0");
        String second = child(conf, "receipts", "import", "--data-dir", data, "--file", dir.resolve("receipts.txt").toString(),
                "--key-store", uri, "--receipt-key-label", "oem-receipt");
        assertThat(second).containsPattern("imported\\s+0").containsPattern("already imported\\s+2")
                .doesNotContain("refused");
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(dir.resolve("data")))) {
            assertThat(imprint.orders().get("lot-1").used()).isEqualTo(2);
            assertThat(imprint.events().countsByOutcome("widget", null)).containsExactly(java.util.Map.entry("provisioned", 2L));
        }

        // Bad input per command: one line, non-zero exit, nothing stored.
        Path chipC = dir.resolve("chipC");
        cli("device", "chip-init", "--dir", chipC.toString(), "--part-number", "MIMX8MM6", "--srk-hash", SRK,
                "--fuse-seed", SEED, "--chip-id", "010203040506070a");
        assertFails(run("device", "apply-bundle", "--dir", chipC.toString(), "--bundle", dir.resolve("b.imb").toString(),
                "--oem-key", dir.resolve("oem.pem").toString(), "--product", "gadget", "--serial", "SN000003",
                "--receipts", dir.resolve("c-receipts.txt").toString()), "bad-bundle");
        assertThat(blobs(chipC)).isEmpty();
        assertThat(dir.resolve("c-receipts.txt")).doesNotExist();
        assertFails(run("bundle", "build", "--data-dir", data, "--key-store", "file:" + dir.resolve("keys"),
                "--mp-key-label", "widget-mp", "--signing-key-label", "oem", "--receipt-key-label", "r", "--product", "widget",
                "--order", "no-such",
                "--random", "disk-key:32", "--expires", "30d", "--out", dir.resolve("x.imb").toString()), "not-found");
        assertThat(dir.resolve("x.imb")).doesNotExist();
        assertFails(run("bundle", "keygen", "--key-store", "http://hsm", "--signing-key-label", "oem2", "--out",
                dir.resolve("k.pem").toString()), "malformed-request");
        assertThat(dir.resolve("k.pem")).doesNotExist();
        assertFails(run("product", "import-mp-key", "--pkcs11", "file:" + dir.resolve("keys2"), "--mp-key-label", "m",
                "--mp-key", "not-a-key"), "malformed-request");
        assertFails(run("receipts", "import", "--data-dir", data, "--file", dir.resolve("none.txt").toString(),
                "--key-store", "file:" + dir.resolve("keys3"), "--receipt-key-label", "r"), "malformed-request");
        try (Imprint imprint = Imprint.open(ServerConfig.defaults(dir.resolve("data")))) {
            assertThat(imprint.orders().get("lot-1").used()).isEqualTo(2);
            assertThat(imprint.bundles().list(null)).hasSize(1);
        }
    }

    private static void assertFails(Result r, String slug) {
        assertThat(r.exit()).as(r.err()).isNotZero();
        assertThat(r.err().strip()).startsWith("imprint: " + slug).doesNotContain("\n");
    }

    private static List<Path> blobs(Path chipDir) throws Exception {
        Path b = chipDir.resolve("blobs");
        if (!Files.isDirectory(b)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(b)) {
            return s.filter(p -> p.toString().endsWith(".blob")).toList();
        }
    }

    /** Runs {@code imprint args} in this JVM and requires success. */
    private static Result cli(String... args) {
        Result r = run(args);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    private static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path softHsmToken() throws Exception {
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Files.writeString(dir.resolve("pin"), "1234\n");
        exec(conf, List.of("softhsm2-util", "--init-token", "--free", "--label", "imprint-cli", "--pin", "1234",
                "--so-pin", "5678"));
        return conf;
    }

    /** Runs {@code imprint args} in a child JVM with SOFTHSM2_CONF set; returns its stdout. */
    private static String child(Path conf, String... args) throws Exception {
        List<String> cmd = ChildProcess.jvm(Main.class);
        cmd.addAll(List.of(args));
        return exec(conf, cmd);
    }

    private static String exec(Path conf, List<String> command) throws Exception {
        return ChildProcess.run(command, Map.of("SOFTHSM2_CONF", conf.toString()));
    }
}
