package io.imprint.cli.demo;

import io.imprint.device.backend.ChipFuses;
import io.imprint.device.backend.MpBackend;
import io.imprint.device.storage.SecureStore;

/** One demo device: its MP key, fuses and secret store; closing releases what it loaded (libteec). */
public record DemoUnit(MpBackend mp, ChipFuses fuses, SecureStore store, AutoCloseable resource) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        resource.close();
    }
}
