package io.imprint.cli.backend;

import io.imprint.device.backend.DeviceBackend;
import java.nio.file.Path;

/** One device backend the CLI can run, by its {@code --backend} name. */
public interface BackendProvider {
    /** The {@code --backend} value, e.g. {@code caam-emulated}. */
    String name();

    /** One line for help and errors: what the backend is (emulations say so). */
    String summary();

    /**
     * Opens the device whose state is kept in {@code dir} (made by the backend's init command, e.g.
     * {@code imprint device chip-init} for {@code caam-emulated}).
     */
    DeviceBackend open(Path dir) throws Exception;

    /**
     * A fresh product line of this backend for the demo, its state under {@code scratch}; a backend
     * that needs a tool which is not installed says in one line which package to install.
     */
    DeviceLine line(Path scratch) throws Exception;
}
