package io.imprint.server.issuance;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.SecretItemsCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Escrow} with AES-256-GCM under a software KEK in {@code <dataDir>/keys/escrow.key} (600),
 * generated on first start. Sealed form: 12-byte IV || ciphertext+tag; AAD binds product and chip.
 */
public final class FileKeyEscrow implements Escrow {
    private static final String CONTEXT = "IMPRINT/ESCROW/v1";
    private static final int IV_BYTES = 12;
    private final SecretKey kek;

    private FileKeyEscrow(SecretKey kek) {
        this.kek = kek;
    }

    /** Loads the KEK from {@code <dataDir>/keys/escrow.key}, creating it on first use. */
    public static FileKeyEscrow open(Path dataDir) throws IOException {
        Path file = dataDir.resolve("keys").resolve("escrow.key");
        if (!Files.exists(file)) {
            byte[] fresh = Providers.randomBytes(32);
            try {
                PemFiles.writePrivate(file, HexFormat.of().formatHex(fresh) + "\n");
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            } finally {
                Arrays.fill(fresh, (byte) 0);
            }
        }
        byte[] raw = HexFormat.of().parseHex(Files.readString(file).strip());
        if (raw.length != 32) {
            throw new IOException("escrow key in " + file + " must be 32 bytes of hex");
        }
        try {
            return new FileKeyEscrow(new SecretKeySpec(raw, "AES"));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public byte[] seal(String product, String chipIdHex, SecretItems items) throws GeneralSecurityException {
        byte[] iv = Providers.randomBytes(IV_BYTES);
        byte[] plain = SecretItemsCodec.encode(items);
        try {
            byte[] ct = cipher(Cipher.ENCRYPT_MODE, iv, product, chipIdHex).doFinal(plain);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + ct.length);
            System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
            return out;
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public SecretItems open(String product, String chipIdHex, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < IV_BYTES + 16) {
            throw new GeneralSecurityException("escrow record too short");
        }
        byte[] iv = Arrays.copyOf(sealed, IV_BYTES);
        byte[] plain = cipher(Cipher.DECRYPT_MODE, iv, product, chipIdHex).doFinal(sealed, IV_BYTES,
                sealed.length - IV_BYTES);
        try {
            return SecretItemsCodec.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String product, String chipIdHex) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, kek, new GCMParameterSpec(128, iv));
        gcm.updateAAD(CanonicalWriter.start(CONTEXT).string(product).string(chipIdHex).toByteArray());
        return gcm;
    }

    @Override
    public String toString() {
        return "FileKeyEscrow[AES-256-GCM]";
    }
}
