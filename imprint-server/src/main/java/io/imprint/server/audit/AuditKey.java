package io.imprint.server.audit;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.issuance.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The server's audit signing key (ECDSA P-256, signatures raw r||s), a software key in
 * {@code <dataDir>/keys/audit.key} (mode 600) with its public half in {@code keys/audit.pub.pem}.
 * It signs audit checkpoints and order reconciliations; an auditor verifies with the public key alone.
 */
public final class AuditKey {
    static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AuditKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key from {@code dataDir/keys}, creating it on first use. */
    public static AuditKey loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        Path dir = dataDir.resolve("keys");
        Path keyFile = dir.resolve("audit.key");
        Path pubFile = dir.resolve("audit.pub.pem");
        if (Files.exists(keyFile) && Files.exists(pubFile)) {
            return new AuditKey(PemFiles.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII)),
                    publicKeyFromPem(Files.readString(pubFile, StandardCharsets.US_ASCII)));
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        KeyPair pair = g.generateKeyPair();
        Files.createDirectories(dir);
        PemFiles.writePrivate(keyFile, PemFiles.privateKeyPem(pair.getPrivate()));
        PemFiles.writePublic(pubFile, PemFiles.pem(pair.getPublic()));
        return new AuditKey(pair.getPrivate(), pair.getPublic());
    }

    /** Signs {@code message}; the signature is raw r||s (64 bytes). */
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initSign(privateKey, Providers.random());
        s.update(message);
        return s.sign();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** PEM SubjectPublicKeyInfo of the audit key, for exports and auditors. */
    public String publicKeyPem() {
        return PemFiles.pem(publicKey);
    }

    /** Verifies a signature made by {@link #sign}; throws when it does not verify. */
    public static void verify(PublicKey key, byte[] message, byte[] rs) throws GeneralSecurityException {
        Signature s = Signature.getInstance(ALGORITHM);
        s.initVerify(key);
        s.update(message);
        if (!s.verify(rs)) {
            throw new java.security.SignatureException("audit signature does not verify");
        }
    }

    /** Reads a PEM SubjectPublicKeyInfo EC key. */
    public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(java.util.Base64.getDecoder().decode(b64)));
    }

    @Override
    public String toString() {
        return "AuditKey[P-256]";
    }
}
