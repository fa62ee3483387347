package io.imprint.server.keystore;

import io.imprint.protocol.problem.ImprintException;
import java.security.KeyStoreException;

/**
 * Runs in a child JVM started by {@link Pkcs11TokenSelectionTest} (SOFTHSM2_CONF must be set at
 * start). Arguments are triples {@code name uri op}, op {@code create:LABEL} (a bundle-signing key)
 * or {@code has:LABEL}; prints {@code name=created|present|absent|refused <code>: <detail>|error <message>}.
 */
public final class TokenSelectionScenario {
    public static void main(String[] args) {
        KeyStoreUris uris = new KeyStoreUris(KeyStoreUris.SOFTHSM2_MODULE);
        for (int i = 0; i + 2 < args.length; i += 3) {
            String op = args[i + 2];
            String label = op.substring(op.indexOf(':') + 1);
            String result;
            try (KeyStoreBackend token = uris.open(args[i + 1])) {
                if (op.startsWith("create:")) {
                    token.createSigningKey(label);
                    result = "created in " + token.description();
                } else {
                    result = has(token, label) ? "present" : "absent";
                }
            } catch (ImprintException e) {
                result = "refused " + e.code().slug() + ": " + e.detail();
            } catch (Exception e) {
                result = "error " + e.getMessage();
            }
            System.out.println(args[i] + "=" + result);
        }
    }

    private static boolean has(KeyStoreBackend token, String label) throws Exception {
        try {
            token.signingKey(label);
            return true;
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private TokenSelectionScenario() {
    }
}
