package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.keystore.KeyStoreUris;
import io.imprint.server.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --key-store} on the command line: {@code @FILE} is a key-store config file (not a picocli
 * argument file), no error line ever shows a PIN, and a PKCS#11 URI's {@code token=} picks that token.
 */
class KeyStoresTest {
    private static final String SECRET = "secret123";
    @TempDir Path dir;

    @Test
    void keygen_atConfigFile_opensTheStoreItNames() throws Exception {
        Path keys = dir.resolve("keys");
        Path conf = Files.writeString(dir.resolve("keystore.conf"), "# OEM keys\nuri = " + keys.toUri() + "\n");
        CliRun run = CliRun.of("bundle", "keygen", "--key-store", "@" + conf, "--signing-key-label", "oem", "--out",
                dir.resolve("oem.pem").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Created bundle-signing key oem");
        assertThat(dir.resolve("oem.pem")).exists();
        assertThat(keys).isNotEmptyDirectory();
    }

    @Test
    void keygen_badUriWithPin_oneLineWithoutPin() {
        String out = dir.resolve("k.pem").toString();
        List<String[]> commands = List.of(
                new String[] {"bundle", "keygen", "--key-store", "pkcs11:token=day-oem;" + SECRET, "--signing-key-label", "k", "--out", out},
                new String[] {"bundle", "keygen", "--key-store", "pkcs11:token=oem?pin-value=" + SECRET + "&pin-value=x",
                        "--signing-key-label", "k", "--out", out},
                new String[] {"bundle", "keygen", "--key-stor=pkcs11:token=oem?pin-value=" + SECRET, "--signing-key-label", "k", "--out", out},
                new String[] {"bundle", "keygen", "--key-store", "pkcs11:token=oem", "pkcs11:token=oem?pin-value=" + SECRET
                        + " with space", "--signing-key-label", "k", "--out", out},
                new String[] {"bundle", "receipt-keygen", "--receipt-key-label", "k", "--key-store"},
                new String[] {"bundle", "keygen", "--key-store", "file:/tmp/a b?pin-value=" + SECRET, "--signing-key-label", "k", "--out", out});
        for (String[] command : commands) {
            CliRun run = CliRun.of(command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isNotZero();
            assertThat(run.err().strip()).as(String.join(" ", command)).startsWith("imprint: ").doesNotContain("\n")
                    .doesNotContain(SECRET);
            assertThat(run.out()).doesNotContain(SECRET);
        }
        assertThat(dir.resolve("k.pem")).doesNotExist();
    }

    @Test
    void keygen_atConfigFileWithBadEntry_errorWithoutPin() throws Exception {
        for (String uri : List.of("pkcs11:token=oem;pin-value=" + SECRET, "pkcs11:token=oem?pin-value=" + SECRET + "&slot=1",
                "pkcs11:token=oem;" + SECRET, "file:/tmp/a b?pin-value=" + SECRET, "pkcs11 token=oem?pin-value=" + SECRET)) {
            Path conf = Files.writeString(dir.resolve("bad.conf"), "uri = " + uri + "\n");
            CliRun run = CliRun.of("bundle", "keygen", "--key-store", "@" + conf, "--signing-key-label", "k", "--out",
                    dir.resolve("k.pem").toString());
            assertThat(run.exitCode()).as(uri).isNotZero();
            assertThat(run.err().strip()).as(uri).startsWith("imprint: malformed-request: key store")
                    .doesNotContain("\n").doesNotContain(SECRET);
        }
        assertThat(dir.resolve("k.pem")).doesNotExist();
    }

    @Test
    void keygen_secondTokenByConfigFile_keyInThatTokenOnly() throws Exception {
        assumeTrue(ChildProcess.onPath("softhsm2-util") && Files.exists(KeyStoreUris.SOFTHSM2_MODULE), "SoftHSM2 not installed");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = Files.writeString(dir.resolve("softhsm2.conf"),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        Map<String, String> env = Map.of("SOFTHSM2_CONF", conf.toString());
        for (String[] t : new String[][] {{"oem", "oem-pin-2222"}, {"day-oem", "day-pin-1111"}}) {
            ChildProcess.run(List.of("softhsm2-util", "--init-token", "--free", "--label", t[0], "--pin", t[1],
                    "--so-pin", "5678"), env);
        }
        Path day = Files.writeString(dir.resolve("day.conf"), "uri = pkcs11:token=day-oem?pin-value=day-pin-1111\n");

        String created = imprint(env, true, "bundle", "keygen", "--key-store", "@" + day, "--signing-key-label", "oem-bundle", "--out",
                dir.resolve("day.pem").toString());
        assertThat(created).contains("Created bundle-signing key oem-bundle in PKCS#11 token 'day-oem'")
                .doesNotContain("day-pin-1111");
        // The label is still free in the first token (oem) and taken in day-oem: the key went to day-oem only.
        assertThat(imprint(env, true, "bundle", "keygen", "--key-store", "pkcs11:token=oem?pin-value=oem-pin-2222",
                "--signing-key-label", "oem-bundle", "--out", dir.resolve("oem.pem").toString())).contains("token 'oem'");
        assertThat(imprint(env, false, "bundle", "keygen", "--key-store", "@" + day, "--signing-key-label", "oem-bundle", "--out",
                dir.resolve("again.pem").toString())).contains("already holds an object labelled oem-bundle")
                .doesNotContain("day-pin-1111");
    }

    /** {@code imprint args} in a child JVM (SOFTHSM2_CONF is read at start); requires success or failure; returns its output. */
    private static String imprint(Map<String, String> env, boolean succeeds, String... args) throws Exception {
        List<String> cmd = ChildProcess.jvm(Main.class);
        cmd.addAll(List.of(args));
        ChildProcess.Outcome outcome = ChildProcess.exec(cmd, env);
        assertThat(outcome.exit() == 0).as(outcome.output()).isEqualTo(succeeds);
        return outcome.output();
    }
}
