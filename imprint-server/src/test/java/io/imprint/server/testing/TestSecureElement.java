package io.imprint.server.testing;

import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.server.issuance.DeviceCertificates;
import io.imprint.server.issuance.ProductCa;
import io.imprint.server.issuance.ProductCaStore;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A software stand-in for a secure element in server tests (method {@code pkcs11-se}): a P-256 key with
 * a device certificate from a test vendor CA, signing the evidence raw r||s over SHA-256. The
 * device-side backend (PKCS#11 in SoftHSM2) is tested in imprint-cli; here only the wire matters.
 */
public final class TestSecureElement {
    private final KeyPair key;
    private final X509Certificate certificate;
    private final byte[] srkHash;

    public TestSecureElement(KeyPair key, X509Certificate certificate, byte[] srkHash) {
        this.key = key;
        this.certificate = certificate;
        this.srkHash = srkHash.clone();
    }

    /** A test vendor CA (a self-signed P-256 CA made like a product CA), its files nowhere. */
    public static ProductCa vendor(String name) throws GeneralSecurityException {
        return new ProductCaStore(Path.of("unused")).generate(name);
    }

    /** A secure element whose certificate {@code vendor} issued for its own key; no SRK hash (zeros). */
    public static TestSecureElement issuedBy(ProductCa vendor) throws GeneralSecurityException {
        KeyPair key = EnvelopeCrypto.newKeyPair();
        return new TestSecureElement(key, certificate(vendor, key), new byte[32]);
    }

    /** A certificate of {@code vendor} for {@code key}, valid for a year. */
    public static X509Certificate certificate(ProductCa vendor, KeyPair key) throws GeneralSecurityException {
        return new DeviceCertificates(Duration.ofDays(365)).issue(vendor, key.getPublic(), "SE0001", "00");
    }

    /** SHA-256 of the certificate's SubjectPublicKeyInfo: the pkcs11-se chip identity. */
    public byte[] chipId() throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The exact evidence of this element for a challenge (fresh ECDH key, a throwaway CSR). */
    public byte[] evidence(String product, ChallengeResponse challenge, String serial) throws GeneralSecurityException {
        KeyPair ecdh = EnvelopeCrypto.newKeyPair();
        return EvidenceCodec.encode(new Evidence(product, chipId(), serial,
                new DeviceMetadata(srkHash, "1.0.0", "closed", new TreeMap<>()),
                Base64.getDecoder().decode(challenge.sessionId()), Base64.getDecoder().decode(challenge.nonce()),
                EcPoints.toUncompressed((ECPublicKey) ecdh.getPublic()), new byte[] {0x30, 0x00}));
    }

    /**
     * A complete attestation the server can issue to: the evidence with a fresh ECDH key and a real CSR
     * (of a fresh identity key), signed by this element, and the ECDH key that opens the answer.
     */
    public TestDevice.Attestation attest(String product, ChallengeResponse challenge, String serial)
            throws GeneralSecurityException {
        KeyPair ecdh = EnvelopeCrypto.newKeyPair();
        byte[] session = Base64.getDecoder().decode(challenge.sessionId());
        byte[] signed = EvidenceCodec.encode(new Evidence(product, chipId(), serial,
                new DeviceMetadata(srkHash, "1.0.0", "closed", new TreeMap<>()), session,
                Base64.getDecoder().decode(challenge.nonce()), EcPoints.toUncompressed((ECPublicKey) ecdh.getPublic()),
                TestDevice.csr(HexFormat.of().withUpperCase().formatHex(chipId()), EnvelopeCrypto.newKeyPair())));
        return new TestDevice.Attestation(signed, session, ecdh, request(signed));
    }

    /** The receipt over what this element stored from {@code response}, signed with its key (no MPMR). */
    public ReceiptRequest receipt(ProvisioningResponse response, SecretItems stored) throws GeneralSecurityException {
        byte[] signed = ReceiptCodec.encode(new Receipt(Base64.getDecoder().decode(response.sessionId()), chipId(),
                response.serial(), StoredDigest.of(stored, TestDevice.chainDer(response.certificateChain()))));
        return new ReceiptRequest(Base64Field.encode(signed), null, Base64Field.encode(sign(signed)));
    }

    /** The attestation request for {@code evidence}: signed with this element's key, its certificate as proof. */
    public AttestationRequest request(byte[] evidence) throws GeneralSecurityException {
        return new AttestationRequest("pkcs11-se", Base64Field.encode(evidence), null, Base64Field.encode(sign(evidence)),
                Map.of("deviceCertificate", Base64Field.encode(certificate.getEncoded())));
    }

    /** Raw r||s over SHA-256(message) with the element's key. */
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key.getPrivate());
        s.update(message);
        return s.sign();
    }
}
