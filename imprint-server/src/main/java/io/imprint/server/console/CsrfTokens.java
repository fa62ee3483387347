package io.imprint.server.console;

import io.imprint.server.admin.Operator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens of the console's forms: HMAC-SHA256, under a key drawn at start, of the operator the
 * certificate names. Stateless (no session, no cookie); a browser presents the client certificate to
 * any site's form, so every state-changing console request must carry this token. Compared in constant time.
 */
final class CsrfTokens {
    private final byte[] key = new byte[32];

    CsrfTokens() {
        new SecureRandom().nextBytes(key);
    }

    String token(Operator who) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((who.name() + "\n" + who.role().slug() + "\n" + who.cm())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean valid(Operator who, String presented) {
        return presented != null && presented.length() <= 128 && MessageDigest.isEqual(
                token(who).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.UTF_8));
    }
}
