package io.imprint.device.storage;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Secret storage bound to the device's hardware (CAAM blobs, TPM sealed objects, a secure element).
 * Values are secrets: implementations never log them.
 */
public interface SecureStore {
    /** Stores {@code value} under {@code name}, replacing any earlier value atomically. */
    void put(String name, byte[] value) throws IOException, GeneralSecurityException;

    /** The value stored under {@code name}; fails if the stored form was tampered with. */
    Optional<byte[]> get(String name) throws IOException, GeneralSecurityException;

    /** Names of stored values, sorted. */
    List<String> names() throws IOException;

    /** Removes a value; no effect when absent. */
    void delete(String name) throws IOException;

    /** What this store is, for logs and help; emulations must say they are emulations. */
    String description();
}
