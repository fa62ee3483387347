package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.MpKeyedHmac;
import io.imprint.protocol.bundle.RawMpKeyHmac;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.server.files.AtomicFiles;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStoreException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Software keys in a directory ({@code file:/path/to/dir}), for development and OEMs without an
 * HSM. Files are written atomically and created owner-read/write only: {@code <label>.mpkey} (hex X||Y),
 * {@code <label>.sign.p8} (PKCS#8 DER) and {@code <label>.sign.pub} (SubjectPublicKeyInfo DER), and the
 * receipt key as {@code <label>.receipt.p8} / {@code <label>.receipt.pub}.
 * Anyone who can read the directory can derive every bundle key: prefer {@link Pkcs11KeyStore}.
 */
public final class SoftwareKeyStore implements KeyStoreBackend {
    private final Path dir;

    public SoftwareKeyStore(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir;
    }

    @Override
    public void importMpKey(String label, MpPublicKey key) throws GeneralSecurityException {
        write(file(label, ".mpkey"), key.hex().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public MpKeyedHmac mpKeyHmac(String label) throws GeneralSecurityException {
        return new RawMpKeyHmac(MpPublicKey.parse(new String(read(file(label, ".mpkey")), StandardCharsets.US_ASCII)));
    }

    @Override
    public KeyProtection mpKeyProtection(String label) throws GeneralSecurityException {
        read(file(label, ".mpkey"));
        return new KeyProtection(false, false, true, true, "software file " + file(label, ".mpkey"));
    }

    @Override
    public BundleSigner createSigningKey(String label) throws GeneralSecurityException {
        createKeyPair(label, ".sign");
        return signingKey(label);
    }

    @Override
    public BundleSigner signingKey(String label) throws GeneralSecurityException {
        KeyPair pair = readKeyPair(label, ".sign");
        return new JcaBundleSigner(pair.getPrivate(), pair.getPublic(), null);
    }

    @Override
    public ReceiptKeyAgreement createReceiptKey(String label) throws GeneralSecurityException {
        createKeyPair(label, ".receipt");
        return receiptKey(label);
    }

    @Override
    public ReceiptKeyAgreement receiptKey(String label) throws GeneralSecurityException {
        KeyPair pair = readKeyPair(label, ".receipt");
        return new JcaReceiptKey(pair.getPrivate(), pair.getPublic(), null, "software file " + file(label, ".receipt.p8"));
    }

    /** A fresh P-256 key pair written as {@code <label><kind>.pub} (X.509) and {@code .p8} (PKCS#8, owner only). */
    private void createKeyPair(String label, String kind) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), io.imprint.protocol.crypto.Providers.random());
        KeyPair pair = gen.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            write(file(label, kind + ".pub"), pair.getPublic().getEncoded());
            write(file(label, kind + ".p8"), pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private KeyPair readKeyPair(String label, String kind) throws GeneralSecurityException {
        byte[] pkcs8 = read(file(label, kind + ".p8"));
        try {
            KeyFactory ec = KeyFactory.getInstance("EC");
            return new KeyPair(ec.generatePublic(new X509EncodedKeySpec(read(file(label, kind + ".pub")))),
                    ec.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private Path file(String label, String suffix) {
        return dir.resolve(Fields.identifier("key label", label) + suffix);
    }

    private static void write(Path file, byte[] value) throws KeyStoreException {
        try {
            AtomicFiles.createNew(file, value, AtomicFiles.Access.OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new KeyStoreException("a key file already exists: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) throws KeyStoreException {
        try {
            return KeyFiles.read(file, "a key of the software key store");
        } catch (KeyFileException e) {
            throw new KeyStoreException(e.getMessage());
        }
    }

    @Override
    public String description() {
        return "software keys in " + dir;
    }

    @Override
    public void close() {
    }
}
