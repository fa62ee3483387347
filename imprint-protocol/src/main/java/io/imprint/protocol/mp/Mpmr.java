package io.imprint.protocol.mp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 32-byte manufacturing-protection message register, prepended to every message the CAAM
 * signs. Not secret: it is reported by the device beside each signature.
 */
public final class Mpmr {
    public static final int BYTES = 32;

    /** All zeros: U-Boot's {@code mfgprot} when nothing filled the register, and what NXP's tool assumes. */
    public static final Mpmr ZEROS = new Mpmr(new byte[BYTES]);

    /**
     * What OP-TEE leaves in the register: the string "value to fill the MPMR content" written by
     * a routine whose trailing partial word repeats the first bytes (read back on i.MX8MM).
     */
    public static final Mpmr OPTEE_FILL = new Mpmr(HexFormat.of().parseHex(
            "756C61766F7420656C6966206874206C504D20656320524D65746E6F00006176"));

    private final byte[] value;

    private Mpmr(byte[] value) {
        this.value = value;
    }

    public static Mpmr of(byte[] value) {
        if (value.length != BYTES) {
            throw new IllegalArgumentException("MPMR must be 32 bytes, got " + value.length);
        }
        return new Mpmr(value.clone());
    }

    public static Mpmr ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.strip()));
    }

    public byte[] bytes() {
        return value.clone();
    }

    public String hex() {
        return HexFormat.of().withUpperCase().formatHex(value);
    }

    /** A name for the well-known values, else the hex. */
    public String describe() {
        if (equals(ZEROS)) {
            return "all zeros";
        }
        if (equals(OPTEE_FILL)) {
            return "OP-TEE fill";
        }
        return hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mpmr other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Mpmr[" + describe() + "]";
    }
}
