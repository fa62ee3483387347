package io.imprint.device.agent;

import io.imprint.protocol.message.ReceiptRequest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A unit whose secrets are stored, with its signed receipt not yet confirmed.
 *
 * @param serial the serial the server issued
 * @param certificateChain device certificate first
 * @param secretNames names of the stored secrets (never their values)
 * @param receipt the MP-signed receipt for {@code POST /v1/receipts}
 */
public record StoredUnit(String serial, List<X509Certificate> certificateChain, List<String> secretNames,
                         ReceiptRequest receipt) {
    public StoredUnit {
        certificateChain = List.copyOf(certificateChain);
        secretNames = List.copyOf(secretNames);
    }
}
