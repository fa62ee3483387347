package io.imprint.device.uboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Line endings and terminal sequences as boards and USB-serial bridges send them. */
class ConsoleTextTest {

    @Test
    void normalize_crLfLfCrAndLoneCr_becomePlainLines() {
        assertThat(ConsoleText.normalize("a\r\nb\n\rc\rd\n")).isEqualTo("a\nb\nc\nd\n");
    }

    @Test
    void normalize_countdownClearLineAndBell_removed() {
        assertThat(ConsoleText.normalize("\u001b[2K\rHit any key to stop autoboot: 2\u0007\r\n=> "))
                .isEqualTo("\nHit any key to stop autoboot: 2\n=> ");
    }

    @Test
    void looksGarbled_wrongBaudNoise_trueButText_false() {
        assertThat(ConsoleText.looksGarbled("\u00f0\u0080\u00fe\u0000\u00e0\u0098\u00f8\u0086x\u00ff")).isTrue();
        assertThat(ConsoleText.looksGarbled("U-Boot 2024.04 (Apr 02 2024)\r\n")).isFalse();
    }

    @Test
    void lastLine_longLine_isCutForAMessage() {
        assertThat(ConsoleText.lastLine("first\n" + "x".repeat(100) + "\n\n")).hasSize(80).endsWith("...");
        assertThat(ConsoleText.lastLine("")).isEmpty();
    }
}
