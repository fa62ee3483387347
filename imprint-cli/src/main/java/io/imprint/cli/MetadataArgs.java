package io.imprint.cli;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code --metadata key=value} arguments as the device's extra signed claims, checked against the
 * evidence's limits (docs/protocol.md): at most 16 entries, keys {@code [a-z][a-z0-9._-]} of 1-32
 * characters, each once, values printable ASCII of at most 256 characters.
 */
final class MetadataArgs {
    private MetadataArgs() {
    }

    static SortedMap<String, String> parse(List<String> args) {
        if (args.size() > Fields.METADATA_MAX_ENTRIES) {
            throw bad("at most " + Fields.METADATA_MAX_ENTRIES + " entries, got " + args.size());
        }
        SortedMap<String, String> out = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0) {
                throw bad("'" + abbreviated(arg) + "' is not key=value");
            }
            if (!Fields.METADATA_KEY.matcher(key).matches()) {
                throw bad("key '" + abbreviated(key) + "' must be 1-32 of a-z 0-9 . _ - starting with a letter");
            }
            if (!Fields.METADATA_VALUE.matcher(arg.substring(eq + 1)).matches()) {
                throw bad("value of " + key + " must be printable ASCII, at most 256 characters");
            }
            if (out.put(key, arg.substring(eq + 1)) != null) {
                throw bad("key " + key + " given twice");
            }
        }
        return out;
    }

    private static String abbreviated(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, "--metadata: " + detail);
    }
}
