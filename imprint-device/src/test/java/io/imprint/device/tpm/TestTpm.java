package io.imprint.device.tpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private swtpm for one test class: its own vendor CA (the test owns the "TPM vendor" root), a
 * freshly manufactured TPM with EK certificates, served on free loopback ports; close stops it by
 * its pid. Fails with the packages to install when swtpm or tpm2-tools are missing ({@code ./test}
 * installs them).
 */
public final class TestTpm implements AutoCloseable {
    private final SwtpmVendorCa vendor;
    private final Swtpm swtpm;
    private final Path directory;

    private TestTpm(SwtpmVendorCa vendor, Swtpm swtpm, Path directory) {
        this.vendor = vendor;
        this.swtpm = swtpm;
        this.directory = directory;
    }

    /** A TPM with a new vendor CA in {@code directory}. */
    public static TestTpm start(Path directory) throws IOException {
        return start(directory, new SwtpmVendorCa(directory.resolve("vendor")));
    }

    /** A TPM whose EK certificate {@code vendor} signs. */
    public static TestTpm start(Path directory, SwtpmVendorCa vendor) throws IOException {
        Swtpm.missingTools().ifPresent(m -> {
            throw new IllegalStateException(m + " (./test installs them)");
        });
        Path state = Files.createTempDirectory(Files.createDirectories(directory), "tpm-state-");
        Swtpm.manufacture(state, vendor);
        return new TestTpm(vendor, Swtpm.start(state), directory);
    }

    public SwtpmVendorCa vendor() {
        return vendor;
    }

    public String tcti() {
        return swtpm.tcti();
    }

    public Tpm2Device device() {
        return new Tpm2Device(swtpm.tcti(), java.time.Duration.ofSeconds(30), directory.resolve("work"),
                Tpm2Device.DEFAULT_PCRS);
    }

    @Override
    public void close() {
        swtpm.close();
    }
}
