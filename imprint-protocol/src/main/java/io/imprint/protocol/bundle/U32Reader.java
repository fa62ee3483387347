package io.imprint.protocol.bundle;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Strict reader of the {@link U32Writer} container. Every read states its bounds; any violation,
 * a wrong context or trailing bytes is a {@link ProblemCode#BAD_BUNDLE}.
 */
final class U32Reader {
    private final byte[] data;
    private int pos;

    private U32Reader(byte[] data, int pos) {
        this.data = data;
        this.pos = pos;
    }

    static U32Reader open(byte[] data, String context) {
        byte[] ctx = context.getBytes(StandardCharsets.US_ASCII);
        if (data.length < ctx.length + 1 || !Arrays.equals(data, 0, ctx.length, ctx, 0, ctx.length)
                || data[ctx.length] != 0) {
            throw bad("not a " + context + " file");
        }
        return new U32Reader(data, ctx.length + 1);
    }

    byte[] bytes(String field, int min, int max) {
        long len = u32(field);
        if (len < min || len > max) {
            throw bad(field + " must be " + (min == max ? min : min + ".." + max) + " bytes, got " + len);
        }
        need(field, (int) len);
        byte[] value = Arrays.copyOfRange(data, pos, pos + (int) len);
        pos += (int) len;
        return value;
    }

    String string(String field, int maxBytes, Pattern pattern) {
        byte[] raw = bytes(field, 0, maxBytes);
        String value;
        try {
            value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw bad(field + " is not valid UTF-8");
        }
        if (!pattern.matcher(value).matches()) {
            throw bad(field + " has an invalid format");
        }
        return value;
    }

    long u32(String field) {
        need(field, 4);
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (data[pos + i] & 0xFF);
        }
        pos += 4;
        return value;
    }

    /** Bytes consumed so far: the signed prefix ends here when the signature comes next. */
    int position() {
        return pos;
    }

    void end() {
        if (pos != data.length) {
            throw bad((data.length - pos) + " trailing bytes");
        }
    }

    private void need(String field, int len) {
        if (data.length - pos < len) {
            throw bad("truncated at " + field);
        }
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_BUNDLE, "malformed bundle: " + detail);
    }
}
