package io.imprint.server.policy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which software versions a product accepts: none (the default), an explicit list ({@code 1.0.0,1.0.1})
 * or a minimum ({@code >=1.0.0}) compared numerically by dot-separated components.
 *
 * @param minimum the minimum version, or null when {@code versions} is the rule
 * @param versions the explicit list (empty with a minimum, or when nothing is allowed)
 */
public record SoftwareRule(String minimum, List<String> versions) {
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,9}){0,7}");
    private static final Pattern LISTED = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._+-]{0,63}");
    /** Allows nothing. */
    public static final SoftwareRule NONE = new SoftwareRule(null, List.of());

    public SoftwareRule {
        versions = List.copyOf(versions);
    }

    /** Parses {@code ""}, {@code >=X.Y.Z} or {@code A,B,...}. */
    public static SoftwareRule parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return NONE;
        }
        if (t.startsWith(">=")) {
            String min = t.substring(2).strip();
            if (!VERSION.matcher(min).matches()) {
                throw bad("minimum software version must be numbers separated by dots, e.g. >=1.0.0");
            }
            return new SoftwareRule(min, List.of());
        }
        List<String> list = Arrays.stream(t.split(",", -1)).map(String::strip).toList();
        if (list.size() > 64 || list.stream().anyMatch(v -> !LISTED.matcher(v).matches())) {
            throw bad("allowed software must be >=VERSION or a comma-separated list of versions, e.g. 1.0.0,1.0.1");
        }
        return new SoftwareRule(null, list);
    }

    public boolean allowsNothing() {
        return minimum == null && versions.isEmpty();
    }

    public boolean allows(String version) {
        if (minimum != null) {
            return VERSION.matcher(version).matches() && compare(version, minimum) >= 0;
        }
        return versions.contains(version);
    }

    /** Numeric comparison by dot-separated components; missing components count as 0. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    /** The textual form {@link #parse} reads. */
    public String format() {
        return minimum != null ? ">=" + minimum : String.join(",", versions);
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST, detail);
    }
}
