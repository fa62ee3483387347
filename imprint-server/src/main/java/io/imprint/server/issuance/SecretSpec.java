package io.imprint.server.issuance;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * One secret a product's units receive.
 *
 * @param name secret name ({@link SecretItems#NAME})
 * @param kind how it is made; only {@code random} so far
 * @param length bytes, 16..64
 */
public record SecretSpec(String name, String kind, int length) {
    public static final String RANDOM = "random";
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 64;

    public SecretSpec {
        if (name == null || !SecretItems.NAME.matcher(name).matches()) {
            throw bad("secret name must match " + SecretItems.NAME.pattern());
        }
        if (!RANDOM.equals(kind)) {
            throw bad("secret kind must be 'random'");
        }
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw bad("secret " + name + " length must be " + MIN_LENGTH + ".." + MAX_LENGTH + " bytes");
        }
    }

    /** A random secret of {@code length} bytes. */
    public static SecretSpec random(String name, int length) {
        return new SecretSpec(name, RANDOM, length);
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
