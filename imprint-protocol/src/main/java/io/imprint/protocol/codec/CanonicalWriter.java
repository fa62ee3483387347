package io.imprint.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the canonical encoding: a context string, then big-endian length-prefixed fields. */
public final class CanonicalWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    private CanonicalWriter(String context) {
        byte[] ctx = context.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ctx);
        out.write(0);
    }

    /** Starts a structure with its domain-separation context, e.g. {@code IMPRINT/ATTEST/v1}. */
    public static CanonicalWriter start(String context) {
        return new CanonicalWriter(context);
    }

    /** A field of at most 65535 bytes, prefixed by a 2-byte length. */
    public CanonicalWriter bytes(byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("field longer than 65535 bytes");
        }
        u16(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A UTF-8 string field. */
    public CanonicalWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** An unsigned 16-bit count or value. */
    public CanonicalWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range");
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    /** A signed 64-bit value, big-endian. */
    public CanonicalWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
