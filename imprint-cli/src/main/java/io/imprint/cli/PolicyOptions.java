package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.admin.PolicyRequest;
import java.net.URI;
import picocli.CommandLine.Option;

/** The policy flags shared by {@code product enroll} and {@code product policy}. */
final class PolicyOptions {
    @Option(names = "--allow-software", defaultValue = "",
            description = "Allowed software: \">=1.0.0\" (numeric minimum) or \"1.0.0,1.0.1\". Default: none (deny all).")
    String software;

    @Option(names = "--require-metadata", defaultValue = "", description = "Metadata keys every unit must send, e.g. board,station.")
    String metadata;

    @Option(names = "--development", description = "Development product: lifecycle 'open' is accepted besides 'closed'.")
    boolean development;

    @Option(names = "--accept-mpmr", defaultValue = "zeros",
            description = "Accepted MPMR values: zeros, optee or 64 hex, comma-separated (default: ${DEFAULT-VALUE}).")
    String mpmr;

    @Option(names = "--hook-url", description = "HTTPS decision hook that must answer {\"decision\":\"allow\"}.")
    URI hookUrl;

    @Option(names = "--hook-ca", description = "PEM file of the CA (or certificate) trusted for the hook.")
    String hookCa;

    @Option(names = "--hook-fingerprint", description = "SHA-256 (64 hex) of the hook's certificate, instead of --hook-ca.")
    String hookFingerprint;

    @Option(names = "--hook-timeout-ms", defaultValue = "2000", description = "Hook time limit (default: ${DEFAULT-VALUE}).")
    long hookTimeoutMs;

    /** The policy as flagged; the hook CA file is read here, everything is validated by the server. */
    PolicyRequest request() throws java.io.IOException {
        if (hookUrl == null && (hookCa != null || hookFingerprint != null)) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--hook-ca and --hook-fingerprint need --hook-url");
        }
        String caPem = hookCa == null ? null : new String(Inputs.readFile("--hook-ca", java.nio.file.Path.of(hookCa)),
                java.nio.charset.StandardCharsets.US_ASCII);
        return new PolicyRequest(software, metadata, development, mpmr, hookUrl == null ? null : hookUrl.toString(),
                hookUrl == null ? null : caPem, hookUrl == null ? null : hookFingerprint, hookTimeoutMs);
    }
}
