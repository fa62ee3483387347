package io.imprint.device.backend;

import java.io.IOException;
import java.util.Map;

/**
 * The extra round trip of a method that needs one ({@code POST /v1/preparations}), bound to the
 * session being attested: the backend sends its fields and gets the server's answer (e.g. an EK
 * certificate and AK public area out, a credential blob back). At most once per session.
 */
@FunctionalInterface
public interface PreparationChannel {
    /** A channel for backends that never prepare: using it is a programming error. */
    PreparationChannel NONE = fields -> {
        throw new IllegalStateException("this attestation has no preparation step");
    };

    /** Sends {@code fields} (name to bytes) and returns the server's answer fields. */
    Map<String, byte[]> exchange(Map<String, byte[]> fields) throws IOException, InterruptedException;
}
