package io.imprint.protocol.message;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;

/**
 * Decoding of Base64 fields: canonical RFC 4648 section 4 only (standard alphabet, {@code =} padding,
 * zero unused bits, nothing else), with the bound checked before decoding. Every failure, whatever
 * the size, is {@link ProblemCode#MALFORMED_REQUEST}: only a whole request body over its limit is
 * {@link ProblemCode#REQUEST_TOO_LARGE}.
 */
public final class Base64Field {
    private Base64Field() {
    }

    public static String encode(byte[] value) {
        return Base64.getEncoder().encodeToString(value);
    }

    /** Decodes {@code value}, refusing absent, oversized, invalid or non-canonical input with a clear detail. */
    public static byte[] decode(String field, String value, int maxBytes) {
        if (value == null) {
            throw malformed(field + " is missing");
        }
        if (value.length() > (maxBytes + 2) / 3 * 4) {
            throw malformed(field + " is larger than " + maxBytes + " bytes");
        }
        byte[] out;
        try {
            out = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed(field + " is not valid Base64");
        }
        // The JDK decoder also takes unpadded input and ignores non-zero unused bits: only the one
        // canonical spelling of the bytes is accepted.
        if (!encode(out).equals(value)) {
            throw malformed(field + " is not canonical padded Base64 (RFC 4648 section 4)");
        }
        if (out.length > maxBytes) {
            throw malformed(field + " is larger than " + maxBytes + " bytes");
        }
        return out;
    }

    /** Decodes a field that must be exactly {@code bytes} long. */
    public static byte[] decodeExact(String field, String value, int bytes) {
        if (value != null && value.length() > (bytes + 2) / 3 * 4) {
            throw malformed(field + " must be " + bytes + " bytes");
        }
        byte[] out = decode(field, value, bytes);
        if (out.length != bytes) {
            throw malformed(field + " must be " + bytes + " bytes");
        }
        return out;
    }

    private static ImprintException malformed(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
