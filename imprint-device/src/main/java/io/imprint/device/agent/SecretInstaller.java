package io.imprint.device.agent;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.EnvelopeMessage;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Checks an issued response completely, then stores it: opens the envelope, refuses a certificate
 * for any key but the identity key, writes secrets and chain, and builds the receipt over what
 * reads back from the store.
 */
final class SecretInstaller {
    static final String CHAIN_NAME = "certificate-chain";
    private static final Set<String> RESERVED = Set.of(IdentityKey.NAME, CHAIN_NAME, PendingReceipt.NAME);
    private static final int MAX_ENVELOPE_BYTES = 128 * 1024;

    /** Signs the receipt with the MP key. */
    @FunctionalInterface
    interface ReceiptSigner {
        ReceiptRequest sign(Receipt receipt) throws GeneralSecurityException;
    }

    private final SecureStore store;

    SecretInstaller(SecureStore store) {
        this.store = store;
    }

    StoredUnit install(PreparedAttestation prepared, ProvisioningResponse response, PublicKey identity,
                       ReceiptSigner signer) throws IOException, GeneralSecurityException {
        byte[] sessionId = prepared.evidence().sessionId();
        String sessionB64 = Base64.getEncoder().encodeToString(sessionId);
        if (!sessionB64.equals(response.sessionId())) {
            throw new GeneralSecurityException("response is for another session");
        }
        String serial = Fields.identifier("issued serial", response.serial());
        if (!prepared.evidence().serial().isEmpty() && !prepared.evidence().serial().equals(serial)) {
            throw new GeneralSecurityException("server issued serial " + serial + ", device asked for "
                    + prepared.evidence().serial());
        }
        SecretItems items = EnvelopeCrypto.open(prepared.ecdhPrivate(), prepared.evidence().deviceKey(), sessionId,
                prepared.evidenceBytes(), envelope(response.envelope()));
        try {
            CertificateChain chain = CertificateChain.parse(response.certificateChain());
            if (!MessageDigest.isEqual(chain.leaf().getPublicKey().getEncoded(), identity.getEncoded())) {
                throw new GeneralSecurityException("the device certificate is not for this device's identity key");
            }
            for (String name : items.names()) {
                if (RESERVED.contains(name)) {
                    throw new GeneralSecurityException("server sent a secret named " + name + ", a reserved name");
                }
            }
            for (String name : items.names()) {
                byte[] value = items.value(name);
                try {
                    store.put(name, value);
                } finally {
                    Arrays.fill(value, (byte) 0);
                }
            }
            store.put(CHAIN_NAME, chain.toPem());
            byte[] digest = storedDigest(items.names(), chain.der());
            ReceiptRequest receipt = signer.sign(new Receipt(sessionId, prepared.evidence().chipId(), serial, digest));
            return new StoredUnit(serial, chain.certificates(), items.names(), receipt);
        } finally {
            items.destroy();
        }
    }

    private byte[] storedDigest(List<String> names, List<byte[]> chainDer) throws IOException, GeneralSecurityException {
        SecretItems.Builder readBack = SecretItems.builder();
        for (String name : names) {
            byte[] value = store.get(name).orElseThrow(() -> new IOException("secret " + name + " vanished from the store"));
            try {
                readBack.add(name, value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }
        SecretItems stored = readBack.build();
        try {
            return StoredDigest.of(stored, chainDer);
        } finally {
            stored.destroy();
        }
    }

    private static Envelope envelope(EnvelopeMessage m) throws GeneralSecurityException {
        if (m == null) {
            throw new GeneralSecurityException("response has no envelope");
        }
        try {
            return new Envelope(Base64Field.decodeExact("envelope.ephemeralKey", m.ephemeralKey(), Fields.EC_POINT_BYTES),
                    Base64Field.decodeExact("envelope.iv", m.iv(), 12),
                    Base64Field.decode("envelope.ciphertext", m.ciphertext(), MAX_ENVELOPE_BYTES));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed envelope: " + e.getMessage(), e);
        }
    }
}
