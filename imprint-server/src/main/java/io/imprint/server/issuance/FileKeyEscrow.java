package io.imprint.server.issuance;

import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.envelope.SecretItemsCodec;
import io.imprint.server.files.AtomicFiles;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.files.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link Escrow} with AES-256-GCM under a software KEK in {@code <dataDir>/keys/escrow.key} (600),
 * generated when the store is created and never again: units escrowed under it cannot be re-delivered
 * without it. Sealed form: 12-byte IV || ciphertext+tag; AAD binds product and chip.
 */
public final class FileKeyEscrow implements Escrow {
    private static final String CONTEXT = "IMPRINT/ESCROW/v1";
    private static final int IV_BYTES = 12;
    private static final String WHAT = "the escrow key, which encrypts the issued secrets";
    private static final String FINGERPRINT_LABEL = "IMPRINT/ESCROW-KEY-FINGERPRINT/v1";
    private final SecretKey kek;

    private FileKeyEscrow(SecretKey kek) {
        this.kek = kek;
    }

    /** The escrow key file of {@code dataDir}: {@code keys/escrow.key}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("keys").resolve("escrow.key");
    }

    /**
     * Loads the KEK from {@code <dataDir>/keys/escrow.key}; a missing, empty or malformed file is a
     * {@link KeyFileException} naming it. Never creates a key.
     */
    public static FileKeyEscrow load(Path dataDir) throws KeyFileException {
        Path file = file(dataDir);
        byte[] text = KeyFiles.read(file, WHAT);
        try {
            String hex = new String(text, StandardCharsets.US_ASCII).strip();
            if (hex.length() != 64 || !hex.chars().allMatch(FileKeyEscrow::isHexDigit)) {
                throw KeyFiles.invalid(file, "not an escrow key: expected 64 hex digits, found " + hex.length()
                        + " characters", WHAT);
            }
            byte[] raw = HexFormat.of().parseHex(hex);
            try {
                return new FileKeyEscrow(new SecretKeySpec(raw, "AES"));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /** Generates a fresh KEK into {@code <dataDir>/keys/escrow.key} (600, atomically); refuses to overwrite one. */
    public static FileKeyEscrow create(Path dataDir) throws IOException {
        byte[] fresh = Providers.randomBytes(32);
        byte[] text = (HexFormat.of().formatHex(fresh) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            AtomicFiles.createNew(file(dataDir), text, AtomicFiles.Access.OWNER_ONLY);
            return new FileKeyEscrow(new SecretKeySpec(fresh, "AES"));
        } finally {
            Arrays.fill(fresh, (byte) 0);
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * A fingerprint of the KEK that reveals nothing about it (HMAC-SHA256 of a fixed label under the
     * key, lowercase hex): the store records it to recognise its own key.
     */
    public String fingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(kek);
            return HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static boolean isHexDigit(int ch) {
        return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
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
