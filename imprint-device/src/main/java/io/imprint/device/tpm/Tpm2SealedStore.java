package io.imprint.device.tpm;

import io.imprint.device.storage.SecureStore;
import io.imprint.device.storage.StoreFiles;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets sealed to a TPM 2.0: each value is encrypted (AES-256-GCM) under its own random key, and
 * that key is a TPM sealed data object under the owner hierarchy's storage primary key
 * ({@code tpm2_createprimary -C o -G ecc}, derived again from the TPM's owner seed on every use, so
 * the sealed object only loads in this TPM), optionally with a PCR policy so it unseals only while
 * the given PCRs hold the values they held when sealing. The key travels through the tool's stdin and
 * stdout, never through a file or the command line.
 *
 * <pre>
 * file = "IMPS" 01 | pcrs | public | private | iv (12) | AES-256-GCM(key, iv, aad, value) with tag
 * aad  = "IMPRINT/TPM2-SEALED/v1" 00 | name | pcrs | public | private
 * </pre>
 * where {@code |} fields are u16-length-prefixed and {@code pcrs} is a tpm2-tools PCR selection or
 * empty. Another TPM, a changed PCR, a changed byte or a file moved to another name fail.
 */
public final class Tpm2SealedStore implements SecureStore {
    /** Largest value stored. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    static final String SUFFIX = ".tpmseal";
    private static final String AAD_CONTEXT = "IMPRINT/TPM2-SEALED/v1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final int MAX_TPM_BLOB = SealedFile.MAX_TPM_BLOB;

    private final Tpm2Device tpm;
    private final Path directory;
    private final String pcrs;

    /**
     * A store in {@code directory} (created owner-only if absent) sealing to {@code tpm}; values are
     * additionally bound to {@code pcrs} (e.g. {@code sha256:0,7}) unless it is empty.
     */
    public Tpm2SealedStore(Tpm2Device tpm, Path directory, String pcrs) throws IOException {
        if (!pcrs.isEmpty() && !pcrs.matches("(sha1|sha256|sha384|sha512):[0-9]{1,2}(,[0-9]{1,2}){0,23}")) {
            throw new IllegalArgumentException("PCR selection must look like sha256:0,7 (or be empty)");
        }
        this.tpm = tpm;
        this.directory = directory;
        this.pcrs = pcrs;
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
    }

    @Override
    public void put(String name, byte[] value) throws IOException, GeneralSecurityException {
        Path target = path(name);
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value for " + name + " larger than " + MAX_VALUE_BYTES + " bytes");
        }
        byte[] key = Providers.randomBytes(KEY_BYTES);
        try {
            byte[][] sealed = seal(key);
            byte[] iv = Providers.randomBytes(IV_BYTES);
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, iv, name, sealed).doFinal(value);
            writeAtomically(target, new SealedFile(pcrs, sealed[0], sealed[1], iv, ciphertext).encode());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public Optional<byte[]> get(String name) throws IOException, GeneralSecurityException {
        Path file = path(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > SealedFile.MAX_BYTES) {
            throw new GeneralSecurityException("sealed value " + name + " is larger than any this store writes");
        }
        SealedFile parsed = SealedFile.parse(name, Files.readAllBytes(file));
        if (!parsed.pcrs().equals(pcrs)) {
            throw new GeneralSecurityException("value " + name + " was sealed to PCRs '" + parsed.pcrs()
                    + "', this store uses '" + pcrs + "'");
        }
        byte[] key = unseal(parsed.publicPart(), parsed.privatePart());
        try {
            byte[][] sealed = {parsed.publicPart(), parsed.privatePart()};
            return Optional.of(cipher(Cipher.DECRYPT_MODE, key, parsed.iv(), name, sealed).doFinal(parsed.ciphertext()));
        } catch (AEADBadTagException e) {
            throw new AEADBadTagException("value " + name + " does not open (tampered or moved from another name)");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public List<String> names() throws IOException {
        return StoreFiles.names(directory, SUFFIX);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    @Override
    public String description() {
        return "TPM 2.0 sealed store in " + directory + " (" + tpm.tools().tcti()
                + (pcrs.isEmpty() ? "" : ", sealed to PCRs " + pcrs) + ")";
    }

    @Override
    public String toString() {
        return "Tpm2SealedStore[" + directory + "]";
    }

    /** Seals {@code key} under the storage primary; returns the sealed object's public and private parts. */
    private byte[][] seal(byte[] key) throws IOException {
        try (PrivateDir dir = new PrivateDir(tpm.workParent())) {
            return tpm.thenFlush(() -> {
                TpmTools tools = tpm.tools();
                tools.run("tpm2_createprimary", "-C", "o", "-G", "ecc", "-g", "sha256", "-c", dir.file("primary.ctx"));
                List<String> create = new ArrayList<>(List.of("-C", dir.file("primary.ctx"), "-i", "-",
                        "-u", dir.file("sealed.pub"), "-r", dir.file("sealed.priv")));
                if (!pcrs.isEmpty()) {
                    tools.run("tpm2_createpolicy", "--policy-pcr", "-l", pcrs, "-L", dir.file("pcr.policy"));
                    // No userWithAuth: only the PCR policy can authorize unsealing.
                    create.addAll(List.of("-L", dir.file("pcr.policy"), "-a", "fixedtpm|fixedparent"));
                }
                tools.run(key, "tpm2_create", create.toArray(String[]::new));
                return new byte[][] {dir.read("sealed.pub", MAX_TPM_BLOB), dir.read("sealed.priv", MAX_TPM_BLOB)};
            });
        }
    }

    private byte[] unseal(byte[] publicPart, byte[] privatePart) throws IOException, GeneralSecurityException {
        try (PrivateDir dir = new PrivateDir(tpm.workParent())) {
            String pub = dir.write("sealed.pub", publicPart);
            String priv = dir.write("sealed.priv", privatePart);
            byte[] key = tpm.thenFlush(() -> {
                TpmTools tools = tpm.tools();
                tools.run("tpm2_createprimary", "-C", "o", "-G", "ecc", "-g", "sha256", "-c", dir.file("primary.ctx"));
                tools.run("tpm2_load", "-C", dir.file("primary.ctx"), "-u", pub, "-r", priv, "-c", dir.file("sealed.ctx"));
                // swtpm holds three objects: the primary, its reloaded copy and the sealed object.
                tools.run("tpm2_flushcontext", "-t");
                return pcrs.isEmpty()
                        ? tools.run("tpm2_unseal", "-c", dir.file("sealed.ctx"))
                        : tools.run("tpm2_unseal", "-c", dir.file("sealed.ctx"), "-p", "pcr:" + pcrs);
            });
            if (key.length != KEY_BYTES) {
                throw new GeneralSecurityException("the TPM unsealed a key of " + key.length + " bytes");
            }
            return key;
        }
    }

    private Cipher cipher(int mode, byte[] key, byte[] iv, String name, byte[][] sealed) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
        gcm.updateAAD(CanonicalWriter.start(AAD_CONTEXT).string(name).string(pcrs).bytes(sealed[0]).bytes(sealed[1])
                .toByteArray());
        return gcm;
    }

    private Path path(String name) {
        if (name == null || !SecretItems.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("store name must match " + SecretItems.NAME.pattern());
        }
        return directory.resolve(name + SUFFIX);
    }

    private void writeAtomically(Path target, byte[] data) throws IOException {
        Path temp = Files.createTempFile(directory, ".tmp-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, data);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
