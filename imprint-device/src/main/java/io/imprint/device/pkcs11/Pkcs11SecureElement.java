package io.imprint.device.pkcs11;

import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.DeviceSignature;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.backend.PreparationChannel;
import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.method.AttestationMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code pkcs11-se} backend: a secure element's EC P-256 key with its vendor-issued device
 * certificate, stored in a PKCS#11 token under {@link #KEY_LABEL} (as NXP SE050 and Microchip ATECC608
 * parts ship, key and certificate provisioned by the vendor). Evidence and receipts are signed inside
 * the token (ECDSA over SHA-256, raw r||s); the proof carries the device certificate and any
 * intermediates (docs/protocol.md, "pkcs11-se"). The chip identity is SHA-256 of the certificate's
 * SubjectPublicKeyInfo DER. Secrets are token objects ({@link Pkcs11TokenStore}).
 */
public final class Pkcs11SecureElement implements DeviceBackend {
    /** Label (key-store alias) of the device key and its certificate chain in the token. */
    public static final String KEY_LABEL = "imprint-device";
    private final Pkcs11Token token;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final byte[] intermediates;
    private final PlatformClaims claims;
    private final Pkcs11TokenStore store;

    /** The secure element in {@code token}; its key and certificate must be there under {@link #KEY_LABEL}. */
    public Pkcs11SecureElement(Pkcs11Token token, PlatformClaims claims) throws GeneralSecurityException {
        this.token = token;
        if (!(token.keyStore().getKey(KEY_LABEL, null) instanceof PrivateKey k)) {
            throw new GeneralSecurityException(token.describe() + " holds no private key labelled " + KEY_LABEL);
        }
        Certificate[] chain = token.keyStore().getCertificateChain(KEY_LABEL);
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            throw new GeneralSecurityException(token.describe() + " holds no device certificate for " + KEY_LABEL);
        }
        this.key = k;
        this.certificate = leaf;
        this.intermediates = intermediates(chain);
        this.claims = claims;
        this.store = new Pkcs11TokenStore(token);
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.PKCS11_SE;
    }

    @Override
    public byte[] chipId() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
    }

    @Override
    public PlatformClaims claims() {
        return claims;
    }

    @Override
    public DeviceSignature attest(byte[] evidence, byte[] sessionId, PreparationChannel channel)
            throws GeneralSecurityException {
        Map<String, byte[]> proof = new LinkedHashMap<>();
        proof.put("deviceCertificate", certificate.getEncoded());
        if (intermediates.length > 0) {
            proof.put("intermediateCertificates", intermediates);
        }
        return new DeviceSignature(sign(evidence), null, proof);
    }

    @Override
    public DeviceSignature signReceipt(byte[] receipt) throws GeneralSecurityException {
        return DeviceSignature.of(sign(receipt));
    }

    /** ECDSA P-256 over SHA-256(message) inside the token, raw r||s. */
    private byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format", token.provider());
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    /** The device certificate the vendor issued. */
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public SecureStore store() {
        return store;
    }

    @Override
    public String description() {
        return "secure element in " + token.describe() + ", device certificate "
                + certificate.getSubjectX500Principal().getName();
    }

    @Override
    public void close() throws IOException {
        token.close();
    }

    /** The chain's certificates after the device certificate, self-signed roots left out, DER concatenated. */
    private static byte[] intermediates(Certificate[] chain) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < chain.length; i++) {
            X509Certificate c = (X509Certificate) chain[i];
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                out.writeBytes(c.getEncoded());
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Pkcs11SecureElement[" + token.describe() + "]";
    }
}
