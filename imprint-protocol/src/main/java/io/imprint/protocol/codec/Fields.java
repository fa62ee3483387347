package io.imprint.protocol.codec;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.regex.Pattern;

/** Formats and size limits of the identifiers carried in signed messages. */
public final class Fields {
    /** Product names, serial numbers, order names: 1..64 of {@code [A-Za-z0-9._-]}. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Printable ASCII, at most 64 characters (software versions, lifecycle names). */
    public static final Pattern SHORT_TEXT = Pattern.compile("[\\x20-\\x7E]{1,64}");
    /** Metadata keys. */
    public static final Pattern METADATA_KEY = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    /** Metadata values: printable ASCII, at most 256 characters, may be empty. */
    public static final Pattern METADATA_VALUE = Pattern.compile("[\\x20-\\x7E]{0,256}");

    public static final int SESSION_ID_BYTES = 16;
    public static final int NONCE_BYTES = 32;
    public static final int SRK_HASH_BYTES = 32;
    public static final int DIGEST_BYTES = 32;
    public static final int CHIP_ID_MIN_BYTES = 4;
    public static final int CHIP_ID_MAX_BYTES = 32;
    public static final int EC_POINT_BYTES = 65;
    public static final int CSR_MAX_BYTES = 4096;
    public static final int METADATA_MAX_ENTRIES = 16;

    private Fields() {
    }

    /** Validates an identifier given outside a signed message (CLI, admin API). */
    public static String identifier(String what, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    what + " must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        return value;
    }
}
