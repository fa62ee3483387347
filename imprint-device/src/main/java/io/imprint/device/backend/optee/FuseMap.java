package io.imprint.device.backend.optee;

/**
 * Where an i.MX family keeps the SRK hash and the "closed" bit in its OCOTP fuses, as (bank, word)
 * pairs for OP-TEE's OCOTP PTA. Sources: U-Boot {@code doc/imx/habv4/guides/mx8m_secure_boot.txt}
 * (SRK_HASH in banks 6 and 7 words 0-3; SEC_CONFIG[1] = bank 1 word 3 bit 25, {@code fuse prog 1 3
 * 0x2000000}) and {@code mx6_mx7_secure_boot.txt} (SRK_HASH in bank 3 words 0-7; SEC_CONFIG[1] = bank 0
 * word 6 bit 1). Each SRK word holds four hash bytes, least significant first, as {@code fuse prog}
 * takes them from {@code SRK_1_2_3_4_fuse.bin}.
 */
public enum FuseMap {
    IMX8M(new int[][] {{6, 0}, {6, 1}, {6, 2}, {6, 3}, {7, 0}, {7, 1}, {7, 2}, {7, 3}}, 1, 3, 25),
    IMX6_IMX7(new int[][] {{3, 0}, {3, 1}, {3, 2}, {3, 3}, {3, 4}, {3, 5}, {3, 6}, {3, 7}}, 0, 6, 1);

    private final int[][] srkWords;
    private final int closedBank;
    private final int closedWord;
    private final int closedBit;

    FuseMap(int[][] srkWords, int closedBank, int closedWord, int closedBit) {
        this.srkWords = srkWords;
        this.closedBank = closedBank;
        this.closedWord = closedWord;
        this.closedBit = closedBit;
    }

    /** (bank, word) of SRK hash word {@code i}, 0-7. */
    public int[] srkWord(int i) {
        return srkWords[i].clone();
    }

    public int closedBank() {
        return closedBank;
    }

    public int closedWord() {
        return closedWord;
    }

    /** The SEC_CONFIG[1] bit that closes the part (HAB enforces signatures). */
    public int closedMask() {
        return 1 << closedBit;
    }

    /** By command-line name: {@code imx8m} or {@code imx6-imx7}. */
    public static FuseMap of(String name) {
        return switch (name) {
            case "imx8m" -> IMX8M;
            case "imx6-imx7" -> IMX6_IMX7;
            default -> throw new IllegalArgumentException("fuse map must be imx8m or imx6-imx7, got " + name);
        };
    }
}
