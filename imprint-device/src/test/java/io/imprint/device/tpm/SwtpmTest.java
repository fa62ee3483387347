package io.imprint.device.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a machine without swtpm or tpm2-tools is told, and that this one has them. */
class SwtpmTest {
    @Test
    void missingTools_pathWithoutSwtpm_namesTheDebianPackagesInOneLine(@TempDir Path empty) {
        assertThat(Swtpm.missingTools(empty.toString())).contains("swtpm not found: install the Debian packages "
                + "swtpm swtpm-tools tpm2-tools (apt-get install swtpm swtpm-tools tpm2-tools)");
    }

    @Test
    void missingTools_thisMachinesPath_none() {
        assertThat(Swtpm.missingTools()).as("./test installs swtpm, swtpm-tools and tpm2-tools").isEmpty();
    }
}
