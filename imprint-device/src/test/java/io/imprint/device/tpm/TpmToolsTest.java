package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** tpm2-tools failures become one clear line: the tool's own error, a timeout, a missing tool. */
class TpmToolsTest {
    @Test
    void errorLine_esysNoise_keepsTheToolsOwnError() {
        String stderr = """
                WARNING:esys:src/tss2-esys/api/Esys_NV_ReadPublic.c:309:Esys_NV_ReadPublic_Finish() Received TPM Error
                ERROR:esys:src/tss2-esys/esys_tr.c:243:Esys_TR_FromTPMPublic_Finish() Error NV_ReadPublic ErrorCode (0x0000018b)
                ERROR: Esys_TR_FromTPMPublic(0x18B) - tpm:handle(1):the handle is not correct for the use
                ERROR: Unable to run tpm2_nvread
                """;

        assertThat(TpmTools.errorLine(stderr))
                .isEqualTo("Esys_TR_FromTPMPublic(0x18B) - tpm:handle(1):the handle is not correct for the use");
    }

    @Test
    void run_noTpmListening_failsInOneLineNamingTheTool() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TpmTools tools = new TpmTools("swtpm:host=127.0.0.1,port=" + port, Duration.ofSeconds(20));

        assertThatThrownBy(() -> tools.run("tpm2_getrandom", "8"))
                .isInstanceOf(TpmCommandException.class)
                .hasMessageStartingWith("tpm2_getrandom failed (exit 1): ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void run_tpmThatNeverAnswers_timesOut() throws Exception {
        ServerSocket[] pair = silentPortPair();
        try (ServerSocket silent = pair[0]; ServerSocket silentCtrl = pair[1]) {
            TpmTools tools = new TpmTools("swtpm:host=127.0.0.1,port=" + silent.getLocalPort(), Duration.ofSeconds(2));

            assertThatThrownBy(() -> tools.run("tpm2_getrandom", "8"))
                    .isInstanceOf(TpmCommandException.class)
                    .hasMessage("tpm2_getrandom timed out after 2 s (TCTI swtpm:host=127.0.0.1,port="
                            + silent.getLocalPort() + ")");
        }
    }

    /** Two listening sockets on adjacent loopback ports (swtpm's TCTI uses port and port + 1) that never answer. */
    private static ServerSocket[] silentPortPair() throws java.io.IOException {
        for (int attempt = 0; ; attempt++) {
            ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            try {
                return new ServerSocket[] {first,
                        new ServerSocket(first.getLocalPort() + 1, 50, InetAddress.getLoopbackAddress())};
            } catch (java.net.BindException taken) {
                first.close();
                if (attempt == 50) {
                    throw taken;
                }
            }
        }
    }

    @Test
    void run_toolNotInstalled_saysWhichPackage() {
        TpmTools tools = new TpmTools("device:/dev/tpmrm0", Duration.ofSeconds(5));

        assertThatThrownBy(() -> tools.run("tpm2_no_such_tool"))
                .isInstanceOf(TpmCommandException.class)
                .hasMessageStartingWith("tpm2_no_such_tool could not start (is tpm2-tools installed? Debian: "
                        + "apt-get install tpm2-tools)");
    }

    @Test
    void create_tctiWithControlCharacters_refused() {
        assertThatThrownBy(() -> new TpmTools("device:/dev/tpm0\n", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
