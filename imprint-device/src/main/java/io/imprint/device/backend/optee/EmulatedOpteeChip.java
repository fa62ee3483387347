package io.imprint.device.backend.optee;

import io.imprint.protocol.codec.Fields;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The description of one EMULATED chip behind the libteec test double (see {@link TeecDouble}):
 * the seed its MP key derives from (chips sharing a seed share the key, as chips of one product do),
 * its unique ID, the SRK hash and closed bit in the fuses a {@link FuseMap} names, the curve, and an
 * optional fault to inject. The seed is an emulation artefact, not a protected secret.
 */
public record EmulatedOpteeChip(byte[] mpSeed, byte[] chipUid, byte[] srkHash, boolean closed, FuseMap fuseMap,
                                String curve, Fault fault) {
    /** Faults the double injects, for the binding's error paths. */
    public enum Fault {
        /** Everything works. */
        NONE,
        /** No TEE device: TEEC_InitializeContext returns TEEC_ERROR_ITEM_NOT_FOUND. */
        NO_DEVICE,
        /** OP-TEE built without CFG_NXP_CAAM_MP_NO_ACCESS_CTRL: the MP PTA refuses the session. */
        ACCESS_DENIED,
        /** The driver or tee-supplicant fails: TEEC_ERROR_COMMUNICATION from TEEC_ORIGIN_COMMS. */
        COMMUNICATION
    }

    public EmulatedOpteeChip {
        if (mpSeed.length < 16 || mpSeed.length > 64) {
            throw new IllegalArgumentException("MP seed must be 16-64 bytes");
        }
        if (chipUid.length != OcotpFuses.UID_BYTES) {
            throw new IllegalArgumentException("chip UID must be 8 bytes");
        }
        if (srkHash.length != Fields.SRK_HASH_BYTES) {
            throw new IllegalArgumentException("SRK hash must be 32 bytes");
        }
        if (!"P-256".equals(curve) && !"P-521".equals(curve)) {
            throw new IllegalArgumentException("curve must be P-256 or P-521");
        }
        Objects.requireNonNull(fuseMap);
        Objects.requireNonNull(fault);
        mpSeed = mpSeed.clone();
        chipUid = chipUid.clone();
        srkHash = srkHash.clone();
    }

    /** A closed P-256 i.MX8M chip without faults. */
    public static EmulatedOpteeChip of(byte[] mpSeed, byte[] chipUid, byte[] srkHash) {
        return new EmulatedOpteeChip(mpSeed, chipUid, srkHash, true, FuseMap.IMX8M, "P-256", Fault.NONE);
    }

    public EmulatedOpteeChip withFault(Fault f) {
        return new EmulatedOpteeChip(mpSeed, chipUid, srkHash, closed, fuseMap, curve, f);
    }

    public EmulatedOpteeChip withCurve(String c) {
        return new EmulatedOpteeChip(mpSeed, chipUid, srkHash, closed, fuseMap, c, fault);
    }

    public EmulatedOpteeChip withClosed(boolean c) {
        return new EmulatedOpteeChip(mpSeed, chipUid, srkHash, c, fuseMap, curve, fault);
    }

    @Override
    public byte[] mpSeed() {
        return mpSeed.clone();
    }

    @Override
    public byte[] chipUid() {
        return chipUid.clone();
    }

    @Override
    public byte[] srkHash() {
        return srkHash.clone();
    }

    /** The chip file the double reads. */
    String fileText() {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder("# EMULATED i.MX chip for Imprint's libteec test double (not silicon, not a TEE)\n");
        sb.append("curve=").append(curve).append('\n');
        sb.append("mp-seed=").append(hex.formatHex(mpSeed)).append('\n');
        sb.append("chip-uid=").append(hex.formatHex(chipUid)).append('\n');
        for (int i = 0; i < 8; i++) {
            int w = (srkHash[4 * i] & 0xFF) | (srkHash[4 * i + 1] & 0xFF) << 8 | (srkHash[4 * i + 2] & 0xFF) << 16
                    | (srkHash[4 * i + 3] & 0xFF) << 24;
            int[] at = fuseMap.srkWord(i);
            sb.append(String.format("fuse=%d,%d,0x%08x%n", at[0], at[1], w));
        }
        if (closed) {
            sb.append(String.format("fuse=%d,%d,0x%08x%n", fuseMap.closedBank(), fuseMap.closedWord(), fuseMap.closedMask()));
        }
        sb.append("fault=").append(fault.name().toLowerCase(Locale.ROOT).replace('_', '-')).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "EmulatedOpteeChip[" + HexFormat.of().withUpperCase().formatHex(chipUid) + " " + curve + " " + fault + "]";
    }
}
