package io.imprint.server.issuance;

import io.imprint.server.files.AtomicFiles;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** PEM encoding and files; private keys are written owner-only (600). */
public final class PemFiles {
    private PemFiles() {
    }

    /** PEM text of a certificate, key or other BouncyCastle-encodable object. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** PKCS#8 PEM ({@code PRIVATE KEY}) of a private key; the result is secret. */
    public static String privateKeyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Writes a file readable by its owner only, atomically (see {@link AtomicFiles}); refuses to overwrite. */
    public static void writePrivate(Path file, String text) throws IOException {
        AtomicFiles.createNew(file, text.getBytes(StandardCharsets.US_ASCII), AtomicFiles.Access.OWNER_ONLY);
    }

    /** Writes a public file (certificates), atomically; refuses to overwrite. */
    public static void writePublic(Path file, String text) throws IOException {
        AtomicFiles.createNew(file, text.getBytes(StandardCharsets.US_ASCII), AtomicFiles.Access.PUBLIC);
    }

    /** The certificate in PEM {@code file}; a missing, empty or unparsable file is named with {@code what} it is. */
    public static X509Certificate readCertificate(Path file, String what) throws KeyFileException {
        String pem = KeyFiles.readText(file, what);
        try {
            return certificate(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw KeyFiles.invalid(file, "not a PEM certificate (truncated?)", what);
        }
    }

    /** The private key in PEM {@code file}; a missing, empty or unparsable file is named with {@code what} it is. */
    public static PrivateKey readPrivateKey(Path file, String what) throws KeyFileException {
        String pem = KeyFiles.readText(file, what);
        try {
            return privateKey(pem);
        } catch (IOException | RuntimeException e) {
            throw KeyFiles.invalid(file, "not a PEM private key (truncated?)", what);
        }
    }

    public static X509Certificate certificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Reads a PKCS#8 or SEC1 ("EC PRIVATE KEY") PEM private key. */
    public static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no private key in PEM");
        }
    }
}
