package io.imprint.device.backend.optee;

import io.imprint.device.backend.ChipFuses;
import io.imprint.protocol.codec.Fields;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The chip's fuses read through OP-TEE's i.MX OCOTP PTA (optee_os {@code core/pta/imx/ocotp.c}):
 * command 0 returns the 64-bit unique ID (memref[0] output, exactly 8 bytes), command 1 reads one
 * fuse word (value[0] input = bank, word; value[1].a output). The SRK hash and the closed bit are
 * read at the places a {@link FuseMap} names, once, when this object is made.
 */
public final class OcotpFuses implements ChipFuses {
    static final int CMD_CHIP_UID = 0;
    static final int CMD_READ_FUSE = 1;
    static final int UID_BYTES = 8;

    private final byte[] chipId;
    private final byte[] srkHash;
    private final boolean closed;

    private OcotpFuses(byte[] chipId, byte[] srkHash, boolean closed) {
        this.chipId = chipId;
        this.srkHash = srkHash;
        this.closed = closed;
    }

    /** Reads the unique ID, the SRK hash words and the closed bit. */
    public static OcotpFuses read(Libteec lib, FuseMap map) throws GeneralSecurityException {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.OCOTP_PTA)) {
            TeecOperation uid = s.operation().memrefOutput(0, UID_BYTES);
            s.invoke(CMD_CHIP_UID, uid, "OCOTP chip UID");
            byte[] id = uid.output(0, UID_BYTES, "chip UID");
            byte[] srk = new byte[Fields.SRK_HASH_BYTES];
            for (int i = 0; i < 8; i++) {
                int[] at = map.srkWord(i);
                int w = fuse(s, at[0], at[1]);
                for (int b = 0; b < 4; b++) {
                    srk[4 * i + b] = (byte) (w >>> (8 * b));
                }
            }
            boolean closed = (fuse(s, map.closedBank(), map.closedWord()) & map.closedMask()) != 0;
            return new OcotpFuses(id, srk, closed);
        }
    }

    private static int fuse(TeecSession s, int bank, int word) throws GeneralSecurityException {
        TeecOperation op = s.operation().valueInput(0, bank, word).valueOutput(1);
        s.invoke(CMD_READ_FUSE, op, "OCOTP read fuse bank " + bank + " word " + word);
        return op.valueA(1);
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
        return closed ? "closed" : "open";
    }

    @Override
    public String toString() {
        return "OcotpFuses[chip " + HexFormat.of().withUpperCase().formatHex(chipId) + " " + lifecycle() + "]";
    }
}
