package io.imprint.cli.browser;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemBrowserTest {
    @Test
    void requireInstalled_missingProgram_failsWithOneLineNamingItsPackage() {
        Path absent = Path.of("/nonexistent/imprint-test/chromium");

        assertThatThrownBy(() -> SystemBrowser.requireInstalled(List.of(new SystemBrowser.Program(absent, "chromium"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("browser tests need " + absent + " (Debian package chromium; ./test installs it")
                .hasMessageNotContaining("\n");
    }

    @Test
    void requireInstalled_thisMachine_hasEveryProgram() {
        assertThatCode(SystemBrowser::requireInstalled).doesNotThrowAnyException();
    }
}
