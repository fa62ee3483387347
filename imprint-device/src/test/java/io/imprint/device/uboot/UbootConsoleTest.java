package io.imprint.device.uboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.uboot.emulator.EmulatedUbootOptions;
import io.imprint.device.uboot.emulator.EmulatedUbootOptions.Fault;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console driver against the emulated U-Boot on a pseudo-terminal, opened through jSerialComm. */
class UbootConsoleTest {

    @Test
    void attach_duringAutobootCountdown_stopsItAndRunsCommands() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withBootDelay(5));
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThat(console.run("echo hello   board")).isEqualTo("hello board");
            assertThat(console.run("version")).contains("EMULATED U-Boot console");
        }
    }

    @Test
    void run_outputLines_haveNoEchoPromptOrCarriageReturn() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThat(console.run("printenv loadaddr baudrate")).isEqualTo("loadaddr=0x40480000\nbaudrate=115200");
            assertThat(console.run("mw.l 0x40480000 1")).isEmpty();
        }
    }

    @Test
    void attach_boardAlreadyAtPrompt_takesItOverAgain() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults())) {
            try (UbootConsole first = board.attach(EmulatedBoard.QUICK)) {
                first.run("echo first");
            }
            try (UbootConsole second = board.attach(EmulatedBoard.QUICK)) {
                assertThat(second.run("echo second")).isEqualTo("second");
            }
        }
    }

    @Test
    void run_slowFragmentedOutput_returnsItWhole() throws Exception {
        EmulatedUbootOptions slow = EmulatedUbootOptions.defaults().withSlowOutput(3, Duration.ofMillis(1));
        try (EmulatedBoard board = EmulatedBoard.start(slow);
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            String out = console.run("mfgprot pubk");
            assertThat(out).isEqualTo("\nGenerating Manufacturing Protection Public Key\nPublic key:\n" + board.chip.publicKey().hex());
        }
    }

    @Test
    void attach_otherPrompt_isFoundWhenConfigured() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withPrompt("u-boot=> "));
             UbootConsole console = board.attach(new UbootConsole.Settings("u-boot=> ", Duration.ofSeconds(3), Duration.ofSeconds(2)))) {
            assertThat(console.run("echo ok")).isEqualTo("ok");
        }
    }

    @Test
    void run_unknownCommand_isOneLineError() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThatThrownBy(() -> console.run("frobnicate 1"))
                    .isInstanceOf(UbootConsoleException.class).hasMessage("U-Boot has no 'frobnicate' command");
            assertThat(console.run("echo still here")).isEqualTo("still here");
        }
    }

    @Test
    void run_usagePrinted_saysTheArgumentsWereRefused() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThatThrownBy(() -> console.run("mfgprot sign 0x40480000"))
                    .hasMessage("U-Boot refused the arguments of 'mfgprot sign 0x40480000' and printed the usage of mfgprot");
        }
    }

    @Test
    void run_writeOutsideDram_reportsTheCrash() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThatThrownBy(() -> console.run("mw.l 0x100 1"))
                    .hasMessageStartingWith("the board crashed ('\"Synchronous Abort\" handler, esr 0x96000045') and resets");
        }
    }

    @Test
    void run_boardHangs_timesOutNamingTheCommand() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withFault(Fault.HANG));
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThatThrownBy(() -> console.run("mfgprot pubk", Duration.ofSeconds(1)))
                    .isInstanceOf(UbootConsoleException.class)
                    .hasMessageStartingWith("the board did not finish 'mfgprot pubk' within 1 s on " + board.console.path())
                    .hasMessageEndingWith("(no prompt came back; last line: 'Generating Manufacturing Protection Public Key')");
        }
    }

    @Test
    void attach_silentBoard_timesOutWithWhatToCheck() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withFault(Fault.SILENT))) {
            assertThatThrownBy(() -> board.attach(new UbootConsole.Settings("=> ", Duration.ofSeconds(1), Duration.ofSeconds(1))))
                    .isInstanceOf(UbootConsoleException.class)
                    .hasMessage("no answer from the board on " + board.console.path() + " at 115200 baud within 1 s: is it"
                            + " powered, is this its console port (TX/RX not swapped) and the baud rate right?");
        }
    }

    @Test
    void attach_countdownExpired_saysTheBoardBootedLinux() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults().withBootDelay(0))) {
            assertThatThrownBy(() -> board.attach(EmulatedBoard.QUICK))
                    .hasMessageStartingWith("the board on " + board.console.path() + " at 115200 baud has booted Linux");
        }
    }

    @Test
    void open_missingPort_saysSo() {
        assertThatThrownBy(() -> SerialConsoleLink.open(Path.of("/dev/ttyUSB-imprint-missing"), 115200))
                .hasMessageStartingWith("no serial port /dev/ttyUSB-imprint-missing (is the USB-serial adapter plugged in?");
    }

    @Test
    void run_refusesNonPrintableOrOverlongCommands() throws Exception {
        try (EmulatedBoard board = EmulatedBoard.start(EmulatedUbootOptions.defaults());
             UbootConsole console = board.attach(EmulatedBoard.QUICK)) {
            assertThatThrownBy(() -> console.run("echo a\rreset")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> console.run("x".repeat(UbootConsole.MAX_COMMAND_CHARS + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
