package io.imprint.device.backend;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.Hkdf;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpCurve;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A software EMULATION of an i.MX CAAM with manufacturing protection: not silicon. It reproduces
 * the chip's formats byte for byte (ECDSA P-256 over SHA-256(MPMR || message), raw r||s, bare X||Y
 * public key, 8-byte OCOTP unique ID), so a verifier cannot tell it from a real part.
 *
 * <p>The MP key is shared by every chip with the same part number, SRK hash and emulated fuse seed
 * (see {@link EmulatedMpKey}); a different seed or SRK hash makes a counterfeit. Each chip has its own
 * unique ID. The MPMR is a property of the chip: all zeros by default, or {@link Mpmr#OPTEE_FILL} as
 * on a board where OP-TEE ran before the signer. Nothing secret appears in {@link #toString()}.
 */
public final class EmulatedCaamChip implements MpBackend, ChipFuses {
    /** OP-TEE's PTA refuses longer messages (core/pta/imx/manufacturing_protection.c). */
    public static final int MAX_MESSAGE_BYTES = 4096;
    /** i.MX8M OCOTP unique ID size. */
    public static final int CHIP_ID_BYTES = 8;
    public static final String CLOSED = "closed";
    public static final String OPEN = "open";
    private static final String BLOB_KEY_INFO = "IMPRINT/EMULATED-CAAM/BLOB-KEY/v1";

    private final String partNumber;
    private final byte[] srkHash;
    private final byte[] chipId;
    private final String lifecycle;
    private final Mpmr mpmr;
    private final EmulatedMpKey mpKey;
    private final SecretKey blobKey;

    private EmulatedCaamChip(Builder b) throws GeneralSecurityException {
        this.partNumber = b.partNumber;
        this.srkHash = b.srkHash.clone();
        this.chipId = b.chipId == null ? Providers.randomBytes(CHIP_ID_BYTES) : b.chipId.clone();
        this.lifecycle = b.lifecycle;
        this.mpmr = b.mpmr;
        this.mpKey = EmulatedMpKey.derive(b.fuseSeed, partNumber, srkHash);
        byte[] key = Hkdf.derive(chipId, b.fuseSeed, BLOB_KEY_INFO.getBytes(StandardCharsets.US_ASCII), 32);
        this.blobKey = new SecretKeySpec(key, "AES");
        java.util.Arrays.fill(key, (byte) 0);
    }

    /**
     * Starts an emulated chip of a product.
     *
     * @param partNumber the product's part number, e.g. {@code MIMX8MM6}
     * @param srkHash the fused SRK hash, 32 bytes
     * @param fuseSeed the emulated fuse secret the MP key derives from (at least 16 bytes)
     */
    public static Builder builder(String partNumber, byte[] srkHash, byte[] fuseSeed) {
        return new Builder(partNumber, srkHash, fuseSeed);
    }

    @Override
    public MpPublicKey publicKey() {
        return mpKey.publicKey();
    }

    /**
     * Signs SHA-256(MPMR || message) with the MP private key, like OP-TEE PTA command 0.
     *
     * @throws SignatureException if the message is longer than {@value #MAX_MESSAGE_BYTES} bytes
     */
    @Override
    public MpSignature sign(byte[] message) throws GeneralSecurityException {
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new SignatureException("MP message longer than " + MAX_MESSAGE_BYTES + " bytes (OP-TEE PTA limit)");
        }
        Signature sig = Signature.getInstance(MpCurve.P256.signatureAlgorithm(), Providers.bouncyCastle());
        sig.initSign(mpKey.privateKey(), Providers.random());
        sig.update(mpmr.bytes());
        sig.update(message);
        return new MpSignature(mpmr, sig.sign());
    }

    @Override
    public String description() {
        return "emulated i.MX CAAM MP (software emulation, not silicon), part " + partNumber
                + ", chip " + chipIdHex() + ", MPMR " + mpmr.describe();
    }

    @Override
    public byte[] chipId() {
        return chipId.clone();
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }

    @Override
    public String lifecycle() {
        return lifecycle;
    }

    public String partNumber() {
        return partNumber;
    }

    /** The MPMR this chip signs over. */
    public Mpmr mpmr() {
        return mpmr;
    }

    public String chipIdHex() {
        return HexFormat.of().withUpperCase().formatHex(chipId);
    }

    /**
     * The chip-unique emulated blob key (an OTPMK stand-in derived from the fuse seed and the chip ID).
     * On silicon this key never leaves the CAAM; the emulation hands it only to
     * {@link io.imprint.device.storage.EmulatedCaamBlobStore}.
     */
    public SecretKey blobKey() {
        return blobKey;
    }

    @Override
    public String toString() {
        return "EmulatedCaamChip[" + partNumber + " chip " + chipIdHex() + " " + lifecycle + " MPMR "
                + mpmr.describe() + " " + mpKey.publicKey() + "]";
    }

    /** Options of an emulated chip; only the product facts are required. */
    public static final class Builder {
        private final String partNumber;
        private final byte[] srkHash;
        private final byte[] fuseSeed;
        private byte[] chipId;
        private String lifecycle = CLOSED;
        private Mpmr mpmr = Mpmr.ZEROS;

        private Builder(String partNumber, byte[] srkHash, byte[] fuseSeed) {
            this.partNumber = Fields.identifier("part number", partNumber);
            if (srkHash.length != Fields.SRK_HASH_BYTES) {
                throw new IllegalArgumentException("SRK hash must be 32 bytes, got " + srkHash.length);
            }
            if (fuseSeed.length < 16) {
                throw new IllegalArgumentException("emulated fuse seed must be at least 16 bytes");
            }
            this.srkHash = srkHash.clone();
            this.fuseSeed = fuseSeed.clone();
        }

        /** A given unique ID (8 bytes like the i.MX8M OCOTP UID; 4-32 accepted); random when not set. */
        public Builder chipId(byte[] id) {
            if (id.length < Fields.CHIP_ID_MIN_BYTES || id.length > Fields.CHIP_ID_MAX_BYTES) {
                throw new IllegalArgumentException("chip ID must be 4-32 bytes, got " + id.length);
            }
            this.chipId = id.clone();
            return this;
        }

        /** {@code closed} (the default) or {@code open}. */
        public Builder lifecycle(String value) {
            if (!CLOSED.equals(value) && !OPEN.equals(value)) {
                throw new IllegalArgumentException("lifecycle must be 'closed' or 'open'");
            }
            this.lifecycle = value;
            return this;
        }

        /** The MPMR content; {@link Mpmr#OPTEE_FILL} emulates a board where OP-TEE ran first. */
        public Builder mpmr(Mpmr value) {
            this.mpmr = Objects.requireNonNull(value);
            return this;
        }

        public EmulatedCaamChip build() throws GeneralSecurityException {
            return new EmulatedCaamChip(this);
        }
    }
}
