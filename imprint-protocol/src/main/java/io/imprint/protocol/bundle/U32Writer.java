package io.imprint.protocol.bundle;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the bundle container: a context string and a zero byte, then fields prefixed by a
 * big-endian 4-byte length (the canonical codec's 2-byte lengths cannot hold 10,000 units).
 */
final class U32Writer {
    private final ByteArrayOutputStream out;

    private U32Writer(String context, int sizeHint) {
        out = new ByteArrayOutputStream(sizeHint);
        out.writeBytes(context.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    static U32Writer start(String context, int sizeHint) {
        return new U32Writer(context, sizeHint);
    }

    U32Writer bytes(byte[] value) {
        u32(value.length);
        out.writeBytes(value);
        return this;
    }

    U32Writer string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    U32Writer u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range");
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
