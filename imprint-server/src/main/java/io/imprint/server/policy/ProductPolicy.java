package io.imprint.server.policy;

import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.store.PolicyRow;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a product accepts from a verified chip. Deny by default: {@link #DENY_ALL} allows no software
 * version, so every unit is refused until the OEM states one.
 *
 * @param software allowed software versions
 * @param requiredMetadata keys that must be present in the evidence's extra metadata
 * @param development when true, lifecycle {@code open} is accepted besides {@code closed}
 * @param acceptedMpmr MPMR values accepted (empty accepts none)
 * @param hook external decision hook, or null
 */
public record ProductPolicy(SoftwareRule software, List<String> requiredMetadata, boolean development,
                            List<Mpmr> acceptedMpmr, HookSettings hook) {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    public static final ProductPolicy DENY_ALL = new ProductPolicy(SoftwareRule.NONE, List.of(), false,
            List.of(Mpmr.ZEROS), null);

    public ProductPolicy {
        requiredMetadata = List.copyOf(requiredMetadata);
        acceptedMpmr = List.copyOf(acceptedMpmr);
    }

    /**
     * Enforces every rule in a fixed order; throws POLICY_VIOLATION naming the first rule broken. The
     * MPMR rule is {@code caam-mp}'s: a device of another method signs no MPMR ({@code mpmr} null).
     */
    public void check(String product, DeviceMetadata metadata, Mpmr mpmr) {
        if (software.allowsNothing()) {
            throw violation("product " + product + " allows no software version (deny by default); set one with "
                    + "'imprint product policy --name " + product + " --allow-software \">=1.0.0\"'");
        }
        if (!software.allows(metadata.softwareVersion())) {
            throw violation("software version " + metadata.softwareVersion() + " is not allowed for " + product
                    + " (allowed: " + software.format() + ")");
        }
        for (String key : requiredMetadata) {
            if (!metadata.extra().containsKey(key)) {
                throw violation("required metadata field '" + key + "' is missing from the evidence");
            }
        }
        String lifecycle = metadata.lifecycle();
        if (!"closed".equals(lifecycle) && !(development && "open".equals(lifecycle))) {
            throw violation("lifecycle '" + lifecycle + "' is refused: " + (development
                    ? "a development product accepts 'closed' or 'open'"
                    : "product " + product + " is not marked development, so only 'closed' is accepted"));
        }
        if (mpmr != null && !acceptedMpmr.contains(mpmr)) {
            throw violation("MPMR " + mpmr.describe() + " is not accepted by " + product + " (accepted: "
                    + formatMpmr(acceptedMpmr) + ")");
        }
    }

    /** Parses {@code board,station}. */
    public static List<String> parseMetadata(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> keys = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (keys.size() > 16 || keys.stream().anyMatch(k -> !KEY.matcher(k).matches())) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "required metadata must be comma-separated keys like board,station (at most 16)");
        }
        return keys;
    }

    /** Parses {@code zeros}, {@code optee} or 64-hex values, comma-separated. */
    public static List<Mpmr> parseMpmr(String text) {
        List<Mpmr> out = new ArrayList<>();
        for (String item : (text == null ? "" : text).split(",")) {
            String v = item.strip().toLowerCase(Locale.ROOT);
            if (v.isEmpty()) {
                continue;
            }
            if (v.equals("zeros")) {
                out.add(Mpmr.ZEROS);
            } else if (v.equals("optee")) {
                out.add(Mpmr.OPTEE_FILL);
            } else if (v.matches("[0-9a-f]{64}")) {
                out.add(Mpmr.ofHex(v));
            } else {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                        "accepted MPMR must be zeros, optee or 64 hex characters, comma-separated");
            }
        }
        return out.stream().distinct().toList();
    }

    /** {@code zeros}, {@code optee} or hex, comma-separated (what {@link #parseMpmr} reads). */
    public static String formatMpmr(List<Mpmr> values) {
        return values.stream().map(m -> m.equals(Mpmr.ZEROS) ? "zeros" : m.equals(Mpmr.OPTEE_FILL) ? "optee" : m.hex())
                .collect(Collectors.joining(","));
    }

    /** One line for operators. */
    public String describe() {
        return "software " + (software.allowsNothing() ? "(none: deny all)" : software.format())
                + "; metadata " + (requiredMetadata.isEmpty() ? "-" : String.join(",", requiredMetadata))
                + "; lifecycle " + (development ? "closed,open (development)" : "closed")
                + "; MPMR " + (acceptedMpmr.isEmpty() ? "(none)" : formatMpmr(acceptedMpmr))
                + "; hook " + (hook == null ? "-" : hook.url() + " (" + hook.timeout().toMillis() + " ms)");
    }

    /** The stored form of this policy for {@code product}. */
    public PolicyRow toRow(String product, Instant now) {
        HookSettings h = hook;
        return new PolicyRow(product, software.format(), String.join(",", requiredMetadata), development,
                formatMpmr(acceptedMpmr), h == null ? null : h.url().toString(), h == null ? null : h.caPem(),
                h == null ? null : h.fingerprintSha256(),
                h == null ? HookSettings.DEFAULT_TIMEOUT.toMillis() : h.timeout().toMillis(), now);
    }

    /** Reads a stored policy. */
    public static ProductPolicy fromRow(PolicyRow r) {
        HookSettings h = r.hookUrl() == null ? null : new HookSettings(URI.create(r.hookUrl()), r.hookCaPem(),
                r.hookPinSha256(), Duration.ofMillis(r.hookTimeoutMillis()));
        return new ProductPolicy(SoftwareRule.parse(r.allowedSoftware()), parseMetadata(r.requiredMetadata()),
                r.development(), parseMpmr(r.acceptedMpmr()), h);
    }

    static ImprintException violation(String detail) {
        return new ImprintException(ProblemCode.POLICY_VIOLATION, detail);
    }
}
