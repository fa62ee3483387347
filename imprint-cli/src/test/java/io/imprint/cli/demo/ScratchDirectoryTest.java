package io.imprint.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A scratch directory goes away with everything in it when its work ends, however it ends. */
class ScratchDirectoryTest {
    @Test
    void close_workFailed_removesDirectoryWithNestedContents() {
        Path[] dir = {null};
        assertThatThrownBy(() -> {
            try (ScratchDirectory scratch = ScratchDirectory.create("imprint-scratch-test-")) {
                dir[0] = scratch.path();
                Files.writeString(Files.createDirectories(dir[0].resolve("a/b")).resolve("f.txt"), "x");
                throw new IllegalStateException("the work failed");
            }
        }).hasMessage("the work failed");
        assertThat(dir[0]).isNotNull().doesNotExist();
    }

    @Test
    void close_twice_secondIsHarmless() throws Exception {
        ScratchDirectory scratch = ScratchDirectory.create("imprint-scratch-test-");
        scratch.close();
        scratch.close();
        assertThat(scratch.path()).doesNotExist();
    }
}
