package io.imprint.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imprint.server.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four real SoftHSM2 tokens with different PINs: {@code oem} (initialised first, so the first slot),
 * {@code day-oem}, and two labelled {@code twin}. A URI's {@code token=}/{@code serial=} select that
 * token and no other; a missing or ambiguous one is refused before any login. Which token holds a
 * key is read back through a separate login to each token.
 */
class Pkcs11TokenSelectionTest {
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
    @TempDir static Path dir;
    static Path conf;
    static final Map<String, String> serials = new HashMap<>();
    static final Map<String, String> slots = new HashMap<>();
    static final Map<String, String> facts = new HashMap<>();

    @BeforeAll
    static void fourTokensAndScenario() throws Exception {
        assumeTrue(ChildProcess.onPath("softhsm2-util") && Files.exists(KeyStoreUris.SOFTHSM2_MODULE), "SoftHSM2 not installed");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        conf = Files.writeString(dir.resolve("softhsm2.conf"),
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        token("oem", "oem-pin-2222");
        token("day-oem", "day-pin-1111");
        token("twin", "twin-pin-3333");
        token("twin", "twin-pin-4444");
        String twin4 = serials.get("twin-pin-4444");
        String twin3 = serials.get("twin-pin-3333");
        List<String> cmd = ChildProcess.jvm(TokenSelectionScenario.class);
        cmd.addAll(List.of(
                "wrongPin", "pkcs11:token=day-oem?pin-value=wrong-pin-9999", "has:x",
                "named", "pkcs11:token=day-oem?pin-value=day-pin-1111", "create:day-key",
                "namedHas", "pkcs11:token=day-oem?pin-value=day-pin-1111", "has:day-key",
                "otherHas", "pkcs11:token=oem?pin-value=oem-pin-2222", "has:day-key",
                "missing", "pkcs11:token=night-oem?pin-value=day-pin-1111", "create:night-key",
                "ambiguous", "pkcs11:token=twin?pin-value=twin-pin-3333", "create:twin-key",
                "bySerial", "pkcs11:token=twin;serial=" + twin4 + "?pin-value=twin-pin-4444", "create:twin-key",
                "otherTwinHas", "pkcs11:serial=" + twin3 + "?pin-value=twin-pin-3333", "has:twin-key",
                "bySlotId", "pkcs11:slot-id=" + slots.get("oem-pin-2222") + "?pin-value=oem-pin-2222", "has:day-key",
                "slotOfOther", "pkcs11:token=day-oem;slot-id=" + slots.get("oem-pin-2222") + "?pin-value=day-pin-1111",
                "create:x"));
        for (String line : run(cmd).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
    }

    @Test
    void open_tokenLabel_createsKeyInThatTokenOnly() {
        assertThat(facts.get("named")).startsWith("created in PKCS#11 token 'day-oem' (serial " + serials.get("day-pin-1111"));
        assertThat(facts).containsEntry("namedHas", "present").containsEntry("otherHas", "absent");
    }

    @Test
    void open_missingLabel_refusedNamingLabelNotPin() {
        assertThat(facts.get("missing")).startsWith("refused not-found: no PKCS#11 token matches token=night-oem")
                .contains("'day-oem'", "'oem'").doesNotContain("pin-1111");
    }

    @Test
    void open_labelOfTwoTokens_refusedListingSerials() {
        assertThat(facts.get("ambiguous")).startsWith("refused conflict: 2 PKCS#11 tokens match token=twin")
                .contains(serials.get("twin-pin-3333"), serials.get("twin-pin-4444"), "serial=")
                .doesNotContain("pin-3333");
    }

    @Test
    void open_serial_selectsThatTokenAmongSameLabels() {
        assertThat(facts.get("bySerial")).startsWith("created in PKCS#11 token 'twin' (serial " + serials.get("twin-pin-4444"));
        assertThat(facts).containsEntry("otherTwinHas", "absent");
    }

    @Test
    void open_slotId_opensThatSlotAndMustAgreeWithLabel() {
        assertThat(facts).containsEntry("bySlotId", "absent");
        assertThat(facts.get("slotOfOther")).startsWith("refused not-found: no PKCS#11 token matches token=day-oem;slot-id=");
    }

    @Test
    void open_wrongPin_refusedOneLineWithoutPin() {
        assertThat(facts.get("wrongPin")).startsWith("refused forbidden: login to PKCS#11 token 'day-oem'")
                .contains("CKR_PIN_INCORRECT").doesNotContain("9999");
    }

    @Test
    void open_tokenLabelWithoutWrapperExport_refusedWithTheJvmOption() throws Exception {
        List<String> cmd = new ArrayList<>(ChildProcess.jvm(TokenSelectionScenario.class));
        cmd.removeIf(arg -> arg.startsWith("--add-exports"));
        cmd.addAll(List.of("noExport", "pkcs11:token=oem?pin-value=oem-pin-2222", "has:x"));
        assertThat(run(cmd).strip()).startsWith("noExport=error selecting a PKCS#11 token by token=/serial= needs")
                .contains("--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED");
    }

    /** Initialises a free token; records its slot id and serial under its PIN (labels repeat, PINs do not). */
    private static void token(String label, String pin) throws Exception {
        String out = run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "5678"));
        Matcher m = SLOT.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        slots.put(pin, m.group(1));
        String show = run(List.of("softhsm2-util", "--show-slots"));
        Matcher serial = Pattern.compile("Slot " + m.group(1) + "\\n(?:.*\\n)*?\\s+Serial number:\\s+(\\S+)").matcher(show);
        assertThat(serial.find()).as(show).isTrue();
        serials.put(pin, serial.group(1));
    }

    private static String run(List<String> command) throws Exception {
        return ChildProcess.run(command, Map.of("SOFTHSM2_CONF", conf.toString()));
    }
}
