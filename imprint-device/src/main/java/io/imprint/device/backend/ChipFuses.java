package io.imprint.device.backend;

/** Identity facts burnt into the chip's fuses (OCOTP on i.MX). */
public interface ChipFuses {
    /** The chip's unique ID (64 bits on i.MX6/7/8M). */
    byte[] chipId();

    /** SHA-256 of the SRK table whose hash is fused (secure boot key set). */
    byte[] srkHash();

    /** Lifecycle as the fuses tell it: {@code open} or {@code closed}. */
    String lifecycle();
}
