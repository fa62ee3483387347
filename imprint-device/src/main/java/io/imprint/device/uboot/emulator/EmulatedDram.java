package io.imprint.device.uboot.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The DRAM of an emulated i.MX8M board as {@code mw}/{@code mfgprot sign} see it: the physical window
 * 0x40000000-0xBFFFFFFF (2 GiB, as on the i.MX8MM EVK), kept sparsely in 4 KiB pages, at most
 * {@value #MAX_PAGES} of them. Bytes never written read as zero (the emulation's choice; real DRAM holds
 * whatever was there). Not thread-safe: the console's one thread owns it.
 */
final class EmulatedDram {
    static final long BASE = 0x4000_0000L;
    static final long SIZE = 0x8000_0000L;
    static final int MAX_PAGES = 1024;
    private static final int PAGE = 4096;

    private final Map<Long, byte[]> pages = new HashMap<>();

    /** Whether {@code [addr, addr + length)} lies inside DRAM. */
    static boolean contains(long addr, long length) {
        return addr >= BASE && length >= 0 && addr + length <= BASE + SIZE;
    }

    /**
     * Writes {@code bytes} at {@code addr}.
     *
     * @throws IllegalStateException when the emulation's page budget is spent
     */
    void write(long addr, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            long a = addr + i;
            byte[] page = pages.get(a / PAGE);
            if (page == null) {
                if (pages.size() >= MAX_PAGES) {
                    throw new IllegalStateException("emulated DRAM holds at most " + MAX_PAGES * PAGE / 1024 + " KiB of writes");
                }
                page = new byte[PAGE];
                pages.put(a / PAGE, page);
            }
            page[(int) (a % PAGE)] = bytes[i];
        }
    }

    byte[] read(long addr, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            long a = addr + i;
            byte[] page = pages.get(a / PAGE);
            out[i] = page == null ? 0 : page[(int) (a % PAGE)];
        }
        return out;
    }
}
