package io.imprint.server.issuance;

import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The secrets every unit of a product receives; text form {@code name:random:32,name2:random:16}. */
public record SecretTemplate(List<SecretSpec> secrets) {
    /** One 32-byte random {@code disk-encryption-key}. */
    public static final SecretTemplate DEFAULT = new SecretTemplate(List.of(SecretSpec.random("disk-encryption-key", 32)));

    public SecretTemplate {
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.size() > SecretItems.MAX_ITEMS) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "a secret template holds 1.." + SecretItems.MAX_ITEMS + " secrets");
        }
        Set<String> names = new HashSet<>();
        for (SecretSpec s : secrets) {
            if (!names.add(s.name())) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "duplicate secret " + s.name());
            }
        }
    }

    /** Parses the text form. */
    public static SecretTemplate parse(String text) {
        if (text == null || text.length() > 4000) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "secret template missing or too long");
        }
        return new SecretTemplate(Arrays.stream(text.split(",")).map(String::strip).map(SecretTemplate::spec).toList());
    }

    private static SecretSpec spec(String item) {
        String[] parts = item.split(":");
        if (parts.length != 3) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "secret spec must be name:random:length, got '" + item + "'");
        }
        try {
            return new SecretSpec(parts[0], parts[1], Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            // All digits and still not an int: a number, only far too large; say which limit it broke.
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, parts[2].matches("\\d{1,100}")
                    ? "secret " + parts[0] + " length must be " + SecretSpec.MIN_LENGTH + ".." + SecretSpec.MAX_LENGTH
                    + " bytes, got " + parts[2]
                    : "secret " + parts[0] + " length must be a whole number of bytes, got '" + parts[2] + "'");
        }
    }

    /** The text form, as stored. */
    public String format() {
        return secrets.stream().map(s -> s.name() + ":" + s.kind() + ":" + s.length()).collect(Collectors.joining(","));
    }

    /** Fresh secrets for one unit, from the process {@link java.security.SecureRandom}. */
    public SecretItems generate() {
        SecretItems.Builder b = SecretItems.builder();
        for (SecretSpec s : secrets) {
            byte[] value = Providers.randomBytes(s.length());
            b.add(s.name(), value);
            Arrays.fill(value, (byte) 0);
        }
        return b.build();
    }
}
