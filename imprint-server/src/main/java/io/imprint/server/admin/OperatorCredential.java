package io.imprint.server.admin;

import io.imprint.server.files.AtomicFiles;
import io.imprint.server.issuance.PemFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** An operator's client certificate and private key; never prints the key. */
public final class OperatorCredential {
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final X509Certificate ca;

    OperatorCredential(X509Certificate certificate, PrivateKey key, X509Certificate ca) {
        this.certificate = certificate;
        this.key = key;
        this.ca = ca;
    }

    /** Reads {@code <prefix>.crt} and {@code <prefix>.key}, or the one {@code *.crt} in a directory. */
    public static OperatorCredential read(Path prefixOrDir) throws IOException, GeneralSecurityException {
        Path crt;
        Path keyFile;
        if (Files.isDirectory(prefixOrDir)) {
            try (var files = Files.list(prefixOrDir)) {
                var crts = files.filter(p -> p.getFileName().toString().endsWith(".crt")
                        && !p.getFileName().toString().equals("operator-ca.crt")).toList();
                if (crts.size() != 1) {
                    throw new IOException(prefixOrDir + " must hold exactly one operator .crt file");
                }
                crt = crts.get(0);
            }
            String base = crt.getFileName().toString();
            keyFile = crt.resolveSibling(base.substring(0, base.length() - 4) + ".key");
        } else {
            crt = Path.of(prefixOrDir + ".crt");
            keyFile = Path.of(prefixOrDir + ".key");
        }
        return new OperatorCredential(PemFiles.certificate(Files.readString(crt)),
                PemFiles.privateKey(Files.readString(keyFile)), null);
    }

    public X509Certificate certificate() { return certificate; }

    /** An in-memory key store with the key and certificate under alias {@code operator}. */
    public KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        Certificate[] chain = ca == null ? new Certificate[] {certificate} : new Certificate[] {certificate, ca};
        ks.setKeyEntry("operator", key, password, chain);
        return ks;
    }

    /**
     * Writes {@code <prefix>.crt}, {@code <prefix>.key} (600), {@code <prefix>.p12} (600, protected by
     * {@code p12Password}) and {@code operator-ca.crt} beside them, each atomically; refuses to overwrite.
     */
    public void write(Path prefix, char[] p12Password) throws IOException, GeneralSecurityException {
        Path crt = Path.of(prefix + ".crt");
        Path p12 = Path.of(prefix + ".p12");
        Path keyFile = Path.of(prefix + ".key");
        for (Path p : new Path[] {crt, p12, keyFile}) {
            if (Files.exists(p)) { // checked before writing anything: a clash leaves no orphan files
                throw new java.nio.file.FileAlreadyExistsException(p.toString());
            }
        }
        PemFiles.writePrivate(keyFile, PemFiles.privateKeyPem(key));
        PemFiles.writePublic(crt, PemFiles.pem(certificate));
        ByteArrayOutputStream pkcs12 = new ByteArrayOutputStream();
        keyStore(p12Password).store(pkcs12, p12Password);
        AtomicFiles.createNew(p12, pkcs12.toByteArray(), AtomicFiles.Access.OWNER_ONLY);
        Path caFile = crt.toAbsolutePath().resolveSibling("operator-ca.crt");
        if (ca != null && !Files.exists(caFile)) {
            PemFiles.writePublic(caFile, PemFiles.pem(ca));
        }
    }

    @Override
    public String toString() {
        return "OperatorCredential[" + certificate.getSubjectX500Principal() + "]";
    }
}
