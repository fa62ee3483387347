package io.imprint.protocol.tpm;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Arrays;

/**
 * A bounded reader of big-endian TPM marshaled data. Every read checks the remaining length first,
 * so no length field can make it read or allocate past the input; a failure is
 * {@code malformed-request} naming the structure.
 */
final class TpmReader {
    private final byte[] data;
    private final String structure;
    private int position;
    private final int limit;

    private TpmReader(byte[] data, int from, int limit, String structure) {
        this.data = data;
        this.position = from;
        this.limit = limit;
        this.structure = structure;
    }

    /** A reader over all of {@code data}, which must not exceed {@code maxBytes}. */
    static TpmReader of(byte[] data, int maxBytes, String structure) {
        if (data == null) {
            throw malformed(structure, "missing");
        }
        if (data.length > maxBytes) {
            throw malformed(structure, "larger than " + maxBytes + " bytes");
        }
        return new TpmReader(data, 0, data.length, structure);
    }

    int position() {
        return position;
    }

    int u8(String field) {
        need(1, field);
        return data[position++] & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return v;
    }

    long u32(String field) {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (data[position + i] & 0xFF);
        }
        position += 4;
        return v;
    }

    long u64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[position + i] & 0xFF);
        }
        position += 8;
        return v;
    }

    /** {@code n} raw bytes. */
    byte[] raw(int n, String field) {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** A TPM2B: u16 size then that many bytes, the size at most {@code max}. */
    byte[] tpm2b(int max, String field) {
        int size = u16(field + " size");
        if (size > max) {
            throw malformed(structure, field + " of " + size + " bytes exceeds " + max);
        }
        return raw(size, field);
    }

    /** The bytes between {@code from} and the current position. */
    byte[] slice(int from) {
        return Arrays.copyOfRange(data, from, position);
    }

    /** Fails unless every byte was read. */
    void end() {
        if (position != limit) {
            throw malformed(structure, (limit - position) + " unexpected trailing bytes");
        }
    }

    ImprintException fail(String message) {
        return malformed(structure, message);
    }

    private void need(int n, String field) {
        if (n < 0 || limit - position < n) {
            throw malformed(structure, "truncated at " + field);
        }
    }

    static ImprintException malformed(String structure, String message) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, structure + ": " + message);
    }
}
