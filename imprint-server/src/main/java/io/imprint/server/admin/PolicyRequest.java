package io.imprint.server.admin;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.policy.HookSettings;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.policy.SoftwareRule;
import java.net.URI;
import java.time.Duration;

/**
 * A product policy as text, the body of {@code PUT /admin/v1/products/{name}/policy} (and part of an
 * {@link EnrollRequest}): the same forms the CLI flags take, parsed and validated by {@link #policy()}.
 *
 * @param allowSoftware {@code >=1.0.0}, {@code 1.0.0,1.0.1}, or empty/null for none (deny all)
 * @param requireMetadata comma-separated keys, or empty/null
 * @param acceptMpmr {@code zeros}, {@code optee} or 64 hex, comma-separated; null means {@code zeros}
 * @param hookUrl HTTPS decision hook, or null; then exactly one of {@code hookCaPem} / {@code hookFingerprint}
 *     (SHA-256 of the hook's certificate, 64 hex)
 * @param hookTimeoutMs hook time limit in milliseconds, or null for the default
 */
public record PolicyRequest(String allowSoftware, String requireMetadata, boolean development, String acceptMpmr,
                            String hookUrl, String hookCaPem, String hookFingerprint, Long hookTimeoutMs) {

    /** The validated policy; bad text is {@link ProblemCode#MALFORMED_REQUEST}. */
    public ProductPolicy policy() {
        HookSettings hook = null;
        if (hookUrl != null) {
            URI url;
            try {
                url = URI.create(hookUrl);
            } catch (IllegalArgumentException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "decision hook URL is not a URI");
            }
            hook = new HookSettings(url, hookCaPem, hookFingerprint,
                    hookTimeoutMs == null ? null : Duration.ofMillis(hookTimeoutMs));
        } else if (hookCaPem != null || hookFingerprint != null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--hook-ca and --hook-fingerprint need --hook-url");
        }
        return new ProductPolicy(SoftwareRule.parse(allowSoftware), ProductPolicy.parseMetadata(requireMetadata),
                development, ProductPolicy.parseMpmr(acceptMpmr == null ? "zeros" : acceptMpmr), hook);
    }
}
