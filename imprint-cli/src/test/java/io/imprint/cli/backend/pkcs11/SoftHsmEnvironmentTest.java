package io.imprint.cli.backend.pkcs11;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SoftHsmEnvironmentTest {
    @Test
    void requireInstalled_moduleMissing_namesThePackageInOneLine() {
        assertThatThrownBy(() -> SoftHsmEnvironment.requireInstalled(Path.of("/nonexistent/libsofthsm2.so")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("install the Debian package softhsm2")
                .hasMessageNotContaining("\n");
    }
}
