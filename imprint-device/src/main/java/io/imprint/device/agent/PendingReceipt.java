package io.imprint.device.agent;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.message.ReceiptRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A receipt whose confirmation the device has not seen yet, kept in the secure store between storing
 * the secrets and the server's answer. If that answer is lost (server killed, network cut, station
 * restarted), the next run sends the same receipt again before anything else: receipts are
 * idempotent, while a new attestation for a chip the server has already confirmed would be refused
 * as {@code chip-already-provisioned}, a clone alert against a genuine device.
 *
 * <p>Stored as five lines: serial, the receipt's three base64 fields (the MPMR empty for methods other
 * than {@code caam-mp}), and the secret names.
 */
record PendingReceipt(String serial, ReceiptRequest request, List<String> secretNames) {
    static final String NAME = "pending-receipt";
    private static final int MAX_BYTES = 16 * 1024;

    static void save(SecureStore store, StoredUnit unit) throws IOException, GeneralSecurityException {
        String mpmr = unit.receipt().mpmr() == null ? "" : unit.receipt().mpmr();
        String text = String.join("\n", unit.serial(), unit.receipt().receipt(), mpmr,
                unit.receipt().signature(), String.join(",", unit.secretNames()));
        store.put(NAME, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The pending receipt, if any; an unreadable one is dropped (the device then attests anew). */
    static Optional<PendingReceipt> load(SecureStore store) throws IOException, GeneralSecurityException {
        Optional<byte[]> raw = store.get(NAME);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = new String(raw.get(), StandardCharsets.US_ASCII).split("\n", -1);
        if (raw.get().length > MAX_BYTES || lines.length != 5) {
            clear(store);
            return Optional.empty();
        }
        List<String> names = lines[4].isEmpty() ? List.of() : Arrays.asList(lines[4].split(","));
        return Optional.of(new PendingReceipt(lines[0], new ReceiptRequest(lines[1],
                lines[2].isEmpty() ? null : lines[2], lines[3]), names));
    }

    static void clear(SecureStore store) throws IOException {
        store.delete(NAME);
    }

    /** The device certificate stored with the secrets this receipt confirms. */
    X509Certificate certificate(SecureStore store) throws IOException, GeneralSecurityException {
        byte[] pem = store.get(SecretInstaller.CHAIN_NAME)
                .orElseThrow(() -> new IOException("certificate chain missing from the secure store"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem));
    }
}
