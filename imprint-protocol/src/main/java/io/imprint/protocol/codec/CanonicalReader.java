package io.imprint.protocol.codec;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict reader of the canonical encoding. Every read states its bounds; any violation, a wrong
 * context or trailing bytes is a {@link ProblemCode#MALFORMED_REQUEST}.
 */
public final class CanonicalReader {
    private final byte[] data;
    private int pos;

    private CanonicalReader(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    /** Opens {@code data}, which must start with {@code context} and a zero byte. */
    public static CanonicalReader open(byte[] data, String context) {
        byte[] ctx = context.getBytes(StandardCharsets.US_ASCII);
        if (data.length < ctx.length + 1
                || !Arrays.equals(data, 0, ctx.length, ctx, 0, ctx.length)
                || data[ctx.length] != 0) {
            throw malformed("not a " + context + " structure");
        }
        return new CanonicalReader(data, ctx.length + 1);
    }

    /** A length-prefixed field whose length must lie in [min, max]. */
    public byte[] bytes(String field, int min, int max) {
        int len = u16(field);
        if (len < min || len > max) {
            throw malformed(field + " must be " + (min == max ? min : min + ".." + max) + " bytes, got " + len);
        }
        need(field, len);
        byte[] value = Arrays.copyOfRange(data, pos, pos + len);
        pos += len;
        return value;
    }

    /** A UTF-8 string field of at most {@code maxBytes} bytes matching {@code pattern}. */
    public String string(String field, int maxBytes, java.util.regex.Pattern pattern) {
        byte[] raw = bytes(field, 0, maxBytes);
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(field + " is not valid UTF-8");
        }
        if (!pattern.matcher(CharBuffer.wrap(value)).matches()) {
            throw malformed(field + " has an invalid format");
        }
        return value;
    }

    public int u16(String field) {
        need(field, 2);
        int value = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return value;
    }

    public long u64(String field) {
        need(field, 8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return value;
    }

    /** Asserts that every byte was consumed. */
    public void end() {
        if (pos != data.length) {
            throw malformed((data.length - pos) + " trailing bytes");
        }
    }

    private void need(String field, int len) {
        if (data.length - pos < len) {
            throw malformed("truncated at " + field);
        }
    }

    private static ImprintException malformed(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
