package io.imprint.protocol.message;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;

/** Decoding of Base64 fields with a bound checked before decoding. */
public final class Base64Field {
    private Base64Field() {
    }

    public static String encode(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    /** Decodes {@code value}, refusing absent, oversized or invalid input with a clear detail. */
    public static byte[] decode(String field, String value, int maxBytes) {
        if (value == null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, field + " is missing");
        }
        if (value.length() > (maxBytes + 2) / 3 * 4) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, field + " is larger than " + maxBytes + " bytes");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, field + " is not valid Base64");
        }
    }

    /** Decodes a field that must be exactly {@code bytes} long. */
    public static byte[] decodeExact(String field, String value, int bytes) {
        byte[] out = decode(field, value, bytes);
        if (out.length != bytes) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, field + " must be " + bytes + " bytes");
        }
        return out;
    }
}
