package io.imprint.device.storage;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A software EMULATION of CAAM black/red blob storage (not silicon): one file per name in a
 * directory, each an AES-256-GCM blob under the chip-unique emulated blob key, which is never
 * written to the directory.
 *
 * <pre>
 * file = "IMPB" | version 01 | iv (12) | AES-256-GCM(blobKey, iv, aad, value) with 16-byte tag
 * aad  = "IMPRINT/EMULATED-CAAM/BLOB/v1" 00 | header | name
 * </pre>
 * The name in the AAD stops blobs being swapped between names; another chip's key, a changed byte
 * or a truncated file fail with a {@link GeneralSecurityException}. Writes go to a temporary file
 * that is moved into place atomically; files are created {@code rw-------} where POSIX allows.
 */
public final class EmulatedCaamBlobStore implements SecureStore {
    /** Largest value stored. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;
    static final String SUFFIX = ".blob";
    private static final byte[] HEADER = {'I', 'M', 'P', 'B', 1};
    private static final String AAD_CONTEXT = "IMPRINT/EMULATED-CAAM/BLOB/v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final SecretKey blobKey;
    private final String chipIdHex;
    private final String keySource;

    /** A store in {@code directory} (created if absent) whose blobs only {@code chip} can open. */
    public EmulatedCaamBlobStore(Path directory, EmulatedCaamChip chip) throws IOException {
        this(directory, chip.blobKey(), chip.chipIdHex(), "the emulated chip's blob key");
    }

    private EmulatedCaamBlobStore(Path directory, SecretKey blobKey, String chipIdHex, String keySource) throws IOException {
        this.directory = directory;
        this.blobKey = blobKey;
        this.chipIdHex = chipIdHex;
        this.keySource = keySource;
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            restrict(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * The same blob format for a board whose own hardware key is not reachable from Linux (OP-TEE
     * exports no blob PTA for this): the blob key is the 32-byte {@code keyFile} (created random,
     * mode 600, when absent). NOT hardware-bound: whoever reads the key file opens the blobs, and
     * {@link #description()} says so.
     */
    public static EmulatedCaamBlobStore withKeyFile(Path directory, Path keyFile, String chipIdHex)
            throws IOException {
        if (!Files.exists(keyFile)) {
            Path tmp = Files.createTempFile(keyFile.toAbsolutePath().getParent(), ".blob-key-", ".part");
            restrict(tmp, OWNER_ONLY);
            byte[] fresh = Providers.randomBytes(32);
            Files.write(tmp, fresh);
            Arrays.fill(fresh, (byte) 0);
            try {
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] key = Files.readAllBytes(keyFile);
        if (key.length != 32) {
            throw new IOException(keyFile + " must hold 32 bytes, has " + key.length);
        }
        SecretKey blobKey = new javax.crypto.spec.SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        return new EmulatedCaamBlobStore(directory, blobKey, chipIdHex,
                "a SOFTWARE key file " + keyFile + ", not bound to the board's hardware");
    }

    @Override
    public void put(String name, byte[] value) throws IOException, GeneralSecurityException {
        Path target = path(name);
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value for " + name + " larger than " + MAX_VALUE_BYTES + " bytes");
        }
        byte[] iv = Providers.randomBytes(IV_BYTES);
        Cipher gcm = cipher(Cipher.ENCRYPT_MODE, iv, name);
        byte[] ciphertext = gcm.doFinal(value);
        byte[] file = new byte[HEADER.length + IV_BYTES + ciphertext.length];
        System.arraycopy(HEADER, 0, file, 0, HEADER.length);
        System.arraycopy(iv, 0, file, HEADER.length, IV_BYTES);
        System.arraycopy(ciphertext, 0, file, HEADER.length + IV_BYTES, ciphertext.length);
        Path temp = Files.createTempFile(directory, ".tmp-", ".part");
        try {
            restrict(temp, OWNER_ONLY);
            Files.write(temp, file);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<byte[]> get(String name) throws IOException, GeneralSecurityException {
        Path file = path(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long size = Files.size(file);
        if (size > HEADER.length + IV_BYTES + MAX_VALUE_BYTES + TAG_BYTES || size < HEADER.length + IV_BYTES + TAG_BYTES) {
            throw new GeneralSecurityException("blob " + name + " has an impossible size (" + size + " bytes)");
        }
        byte[] data = Files.readAllBytes(file);
        if (!Arrays.equals(data, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new GeneralSecurityException("blob " + name + " has an unknown header");
        }
        byte[] iv = Arrays.copyOfRange(data, HEADER.length, HEADER.length + IV_BYTES);
        Cipher gcm = cipher(Cipher.DECRYPT_MODE, iv, name);
        try {
            return Optional.of(gcm.doFinal(data, HEADER.length + IV_BYTES, data.length - HEADER.length - IV_BYTES));
        } catch (AEADBadTagException e) {
            throw new AEADBadTagException("blob " + name + " does not open with this chip's blob key (tampered, "
                    + "moved from another name, or from another chip)");
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
        return "emulated CAAM blob store (software emulation, not silicon) in " + directory + " for chip " + chipIdHex
                + " under " + keySource;
    }

    @Override
    public String toString() {
        return "EmulatedCaamBlobStore[" + directory + ", chip " + chipIdHex + "]";
    }

    private Path path(String name) {
        if (name == null || !SecretItems.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("store name must match " + SecretItems.NAME.pattern());
        }
        return directory.resolve(name + SUFFIX);
    }

    private Cipher cipher(int mode, byte[] iv, String name) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, blobKey, new GCMParameterSpec(TAG_BYTES * 8, iv));
        gcm.updateAAD(CanonicalWriter.start(AAD_CONTEXT).bytes(HEADER).string(name).toByteArray());
        return gcm;
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: rely on the directory's own protection.
        }
    }
}
