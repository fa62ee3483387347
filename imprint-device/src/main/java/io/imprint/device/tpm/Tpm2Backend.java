package io.imprint.device.tpm;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.tpm.CredentialBlob;
import io.imprint.protocol.tpm.EkTrust;
import io.imprint.protocol.tpm.QuoteSignature;
import io.imprint.protocol.tpm.Tpm2Fields;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code tpm2} backend: a TPM 2.0 whose EK certificate (NV 0x01C00002) names the chip, a fresh
 * attestation key under the EK per attestation, bound to the EK by credential activation in the
 * session's preparation round trip, and quotes by that AK over SHA-256 of the evidence and of the
 * receipt. Secrets are sealed to the TPM ({@link Tpm2SealedStore}).
 */
public final class Tpm2Backend implements DeviceBackend {
    private final Tpm2Device tpm;
    private final SecureStore store;
    private final PlatformClaims claims;
    private final AutoCloseable owned;
    private byte[] ekCertificate;
    private Tpm2AttestationKey sessionKey;

    public Tpm2Backend(Tpm2Device tpm, SecureStore store, PlatformClaims claims) {
        this(tpm, store, claims, () -> { });
    }

    /** A backend that also closes {@code owned} (e.g. the swtpm it runs on) when it closes. */
    public Tpm2Backend(Tpm2Device tpm, SecureStore store, PlatformClaims claims, AutoCloseable owned) {
        this.tpm = Objects.requireNonNull(tpm);
        this.store = Objects.requireNonNull(store);
        this.claims = Objects.requireNonNull(claims);
        this.owned = Objects.requireNonNull(owned);
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.TPM2;
    }

    /** SHA-256 of the EK certificate's DER SubjectPublicKeyInfo: what the server derives too. */
    @Override
    public byte[] chipId() throws IOException, GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(
                EkTrust.parse(ekCertificate()).getPublicKey().getEncoded());
    }

    @Override
    public PlatformClaims claims() {
        return claims;
    }

    /**
     * Creates the session's AK under the EK, sends the EK certificate and both public areas through
     * {@code channel}, activates the credential the server wrapped for them, and quotes
     * SHA-256(evidence) with the AK; the AK stays for the session's receipt.
     */
    @Override
    public synchronized DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws IOException, GeneralSecurityException, InterruptedException {
        Tpm2AttestationKey key = tpm.createAttestationKey();
        try {
            Map<String, byte[]> answer = channel.exchange(Map.of(Tpm2Fields.EK_CERTIFICATE, ekCertificate(),
                    Tpm2Fields.EK_PUBLIC, key.ekPublic(), Tpm2Fields.AK_PUBLIC, key.akPublic()));
            byte[] blob = answer.get(Tpm2Fields.CREDENTIAL_BLOB);
            byte[] secret = answer.get(Tpm2Fields.ENCRYPTED_SECRET);
            if (blob == null || secret == null) {
                throw new IOException("the server's preparation answer lacks " + Tpm2Fields.CREDENTIAL_BLOB
                        + " or " + Tpm2Fields.ENCRYPTED_SECRET);
            }
            Tpm2AttestationKey.ActivatedQuote done = key.activateAndQuote(new CredentialBlob(blob, secret),
                    sha256(evidence));
            replaceSessionKey(key);
            TpmQuote quote = done.quote();
            return new DeviceSignature(new QuoteSignature(quote.attest(), quote.signature()).encode(), null,
                    Map.of(Tpm2Fields.CREDENTIAL, done.credential()));
        } catch (IOException | GeneralSecurityException | InterruptedException | RuntimeException e) {
            key.close();
            throw e;
        }
    }

    /** A quote by the last session's AK over SHA-256(receipt). */
    @Override
    public synchronized DeviceSignature signReceipt(byte[] receipt) throws IOException, GeneralSecurityException {
        if (sessionKey == null) {
            throw new IOException("no TPM attestation key of a session to sign the receipt with");
        }
        TpmQuote quote = sessionKey.quote(sha256(receipt));
        return DeviceSignature.of(new QuoteSignature(quote.attest(), quote.signature()).encode());
    }

    @Override
    public SecureStore store() {
        return store;
    }

    @Override
    public String description() {
        return (tpm.isEmulator() ? "EMULATED TPM 2.0 (swtpm, a software TPM, not silicon)" : "TPM 2.0")
                + " at " + tpm.tcti() + ", AK bound to the certified EK by credential activation";
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            replaceSessionKey(null);
        } finally {
            try {
                owned.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    private byte[] ekCertificate() throws IOException {
        if (ekCertificate == null) {
            ekCertificate = tpm.ekCertificate();
        }
        return ekCertificate.clone();
    }

    private void replaceSessionKey(Tpm2AttestationKey key) throws IOException {
        Tpm2AttestationKey old = sessionKey;
        sessionKey = key;
        if (old != null) {
            old.close();
        }
    }

    private static byte[] sha256(byte[] data) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Override
    public String toString() {
        return "Tpm2Backend[" + tpm + ", " + store.description() + "]";
    }
}
