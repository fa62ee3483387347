package io.imprint.server.audit;

import io.imprint.protocol.crypto.Providers;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import io.imprint.server.issuance.PemFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * The server's audit signing key (ECDSA P-256, signatures raw r||s), a software key in
 * {@code <dataDir>/keys/audit.key} (mode 600) with its public half in {@code keys/audit.pub.pem}.
 * It signs audit checkpoints and order reconciliations; an auditor verifies with the public key alone.
 */
public final class AuditKey {
    static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final String WHAT = "the audit key, which signs checkpoints and reconciliations";
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private AuditKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key from {@code dataDir/keys}, creating it when neither file exists. */
    public static AuditKey loadOrCreate(Path dataDir) throws IOException, GeneralSecurityException {
        boolean absent = !Files.exists(privateFile(dataDir)) && !Files.exists(publicFile(dataDir));
        return absent ? create(dataDir) : load(dataDir);
    }

    /**
     * Loads {@code keys/audit.key} and {@code keys/audit.pub.pem} of {@code dataDir}; a missing, empty or
     * malformed file, or halves that do not belong together, is a {@link KeyFileException} naming the file.
     */
    public static AuditKey load(Path dataDir) throws KeyFileException {
        Path keyFile = privateFile(dataDir);
        Path pubFile = publicFile(dataDir);
        PrivateKey privateKey = PemFiles.readPrivateKey(keyFile, WHAT);
        PublicKey publicKey;
        try {
            publicKey = publicKeyFromPem(KeyFiles.readText(pubFile, "the public half of the audit key"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw KeyFiles.invalid(pubFile, "not a PEM EC public key (truncated?)", "the public half of the audit key");
        }
        AuditKey key = new AuditKey(privateKey, publicKey);
        try {
            byte[] probe = "IMPRINT/AUDIT-KEY-PAIR-CHECK/v1".getBytes(StandardCharsets.US_ASCII);
            verify(publicKey, probe, key.sign(probe));
        } catch (GeneralSecurityException e) {
            throw KeyFiles.invalid(keyFile, "does not belong to " + pubFile.getFileName(), WHAT);
        }
        return key;
    }

    /** Generates a fresh key into {@code dataDir/keys} (private half 600; both written atomically). */
    public static AuditKey create(Path dataDir) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        KeyPair pair = g.generateKeyPair();
        PemFiles.writePrivate(privateFile(dataDir), PemFiles.privateKeyPem(pair.getPrivate()));
        PemFiles.writePublic(publicFile(dataDir), PemFiles.pem(pair.getPublic()));
        return new AuditKey(pair.getPrivate(), pair.getPublic());
    }

    /** {@code keys/audit.key} of {@code dataDir}. */
    public static Path privateFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("audit.key");
    }

    /** {@code keys/audit.pub.pem} of {@code dataDir}. */
    public static Path publicFile(Path dataDir) {
        return dataDir.resolve("keys").resolve("audit.pub.pem");
    }

    /** SHA-256 of the public key (SubjectPublicKeyInfo DER), lowercase hex. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
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
