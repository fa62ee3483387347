package io.imprint.server.testing;

import io.imprint.protocol.codec.DeviceMetadata;
import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.codec.Receipt;
import io.imprint.protocol.codec.ReceiptCodec;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.StoredDigest;
import io.imprint.protocol.message.AttestationRequest;
import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.protocol.mp.Mpmr;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A software stand-in for a chip in tests: signs evidence and receipts CAAM-style (ECDSA P-256 over
 * SHA-256(MPMR || message), raw r||s) with a test MP key, makes a CSR for its identity key and opens
 * the envelope with its per-attestation ECDH key.
 */
public final class TestDevice {
    /** The SRK hash test products are enrolled with. */
    public static final byte[] SRK_HASH = HexFormat.of().parseHex(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    private final KeyPair mpKey;
    private final byte[] chipId;
    private final String product;
    private byte[] srkHash = SRK_HASH.clone();
    private Mpmr mpmr = Mpmr.ZEROS;
    private KeyPair identityKey;
    private String softwareVersion = "1.0.0";
    private String lifecycle = "closed";
    private TreeMap<String, String> extra = new TreeMap<>();

    public TestDevice(KeyPair mpKey, byte[] chipId, String product) throws GeneralSecurityException {
        this.mpKey = mpKey;
        this.chipId = chipId.clone();
        this.product = product;
        this.identityKey = EnvelopeCrypto.newKeyPair();
    }

    /** A device with a random 8-byte chip ID. */
    public static TestDevice random(KeyPair mpKey, String product) throws GeneralSecurityException {
        return new TestDevice(mpKey, Providers.randomBytes(8), product);
    }

    /** A fresh P-256 key pair standing in for the product's MP key. */
    public static KeyPair newMpKey() throws GeneralSecurityException {
        return EnvelopeCrypto.newKeyPair();
    }

    /** Uppercase hex X||Y, as U-Boot's {@code mfgprot pubk} prints it. */
    public static String publicKeyHex(KeyPair mpKey) {
        return HexFormat.of().withUpperCase().formatHex(EcPoints.toXy((ECPublicKey) mpKey.getPublic()));
    }

    public TestDevice withSrkHash(byte[] value) { this.srkHash = value.clone(); return this; }

    public TestDevice withMpmr(Mpmr value) { this.mpmr = value; return this; }

    public TestDevice withSoftware(String value) { this.softwareVersion = value; return this; }

    public TestDevice withLifecycle(String value) { this.lifecycle = value; return this; }

    public TestDevice withMetadata(String key, String value) { this.extra.put(key, value); return this; }

    /** Replaces the identity key (the next CSR carries the new key). */
    public void rotateIdentityKey() throws GeneralSecurityException { this.identityKey = EnvelopeCrypto.newKeyPair(); }

    public String chipIdHex() { return HexFormat.of().withUpperCase().formatHex(chipId); }

    public ECPublicKey identityPublicKey() { return (ECPublicKey) identityKey.getPublic(); }

    /** Builds and signs evidence for a challenge, with a fresh ECDH key. */
    public Attestation attest(ChallengeResponse challenge, String serial) throws GeneralSecurityException {
        KeyPair ecdh = EnvelopeCrypto.newKeyPair();
        byte[] deviceKey = EcPoints.toUncompressed((ECPublicKey) ecdh.getPublic());
        byte[] session = Base64.getDecoder().decode(challenge.sessionId());
        Evidence evidence = new Evidence(product, chipId, serial,
                new DeviceMetadata(srkHash, softwareVersion, lifecycle, extra), session,
                Base64.getDecoder().decode(challenge.nonce()), deviceKey, csr());
        byte[] signed = EvidenceCodec.encode(evidence);
        return new Attestation(signed, session, ecdh, sign(signed));
    }

    /** A receipt over what the device stored from {@code response}. */
    public ReceiptRequest receipt(ProvisioningResponse response, SecretItems stored) throws GeneralSecurityException {
        byte[] digest = StoredDigest.of(stored, chainDer(response.certificateChain()));
        return receipt(response, digest);
    }

    /** A receipt with an explicit stored-digest (tests use it to lie). */
    public ReceiptRequest receipt(ProvisioningResponse response, byte[] digest) throws GeneralSecurityException {
        byte[] signed = ReceiptCodec.encode(new Receipt(Base64.getDecoder().decode(response.sessionId()), chipId,
                response.serial(), digest));
        return new ReceiptRequest(Base64Field.encode(signed), Base64Field.encode(mpmr.bytes()),
                Base64Field.encode(mpSign(signed)));
    }

    /** CAAM-style MP signature over MPMR || message, raw r||s. */
    public byte[] mpSign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(mpKey.getPrivate(), Providers.random());
        s.update(mpmr.bytes());
        s.update(message);
        return s.sign();
    }

    private AttestationRequest sign(byte[] signed) throws GeneralSecurityException {
        return new AttestationRequest(Base64Field.encode(signed), Base64Field.encode(mpmr.bytes()),
                Base64Field.encode(mpSign(signed)));
    }

    private byte[] csr() throws GeneralSecurityException {
        return csr(chipIdHex(), identityKey);
    }

    /** A PKCS#10 request of {@code key} with subject CN={@code commonName}. */
    static byte[] csr(String commonName, KeyPair key) throws GeneralSecurityException {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + commonName), key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot build CSR", e);
        }
    }

    /** Parses a PEM certificate. */
    public static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    public static List<byte[]> chainDer(List<String> pems) throws GeneralSecurityException {
        List<byte[]> out = new ArrayList<>();
        for (String pem : pems) {
            out.add(certificate(pem).getEncoded());
        }
        return out;
    }

    /** One signed attestation and the ECDH key that opens its answer. */
    public static final class Attestation {
        private final byte[] evidence;
        private final byte[] sessionId;
        private final KeyPair ecdh;
        private final AttestationRequest request;

        Attestation(byte[] evidence, byte[] sessionId, KeyPair ecdh, AttestationRequest request) {
            this.evidence = evidence;
            this.sessionId = sessionId;
            this.ecdh = ecdh;
            this.request = request;
        }

        public AttestationRequest request() { return request; }

        /** The exact signed evidence bytes. */
        public byte[] evidence() { return evidence.clone(); }

        /** Opens the envelope of the server's answer. */
        public SecretItems open(ProvisioningResponse response) throws GeneralSecurityException {
            Envelope envelope = new Envelope(Base64.getDecoder().decode(response.envelope().ephemeralKey()),
                    Base64.getDecoder().decode(response.envelope().iv()),
                    Base64.getDecoder().decode(response.envelope().ciphertext()));
            return EnvelopeCrypto.open(ecdh.getPrivate(), EcPoints.toUncompressed((ECPublicKey) ecdh.getPublic()),
                    sessionId, evidence, envelope);
        }
    }
}
