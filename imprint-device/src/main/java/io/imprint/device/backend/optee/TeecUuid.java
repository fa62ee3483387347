package io.imprint.device.backend.optee;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A trusted application's UUID in the TEEC_UUID form: timeLow, timeMid, timeHiAndVersion and
 * eight clockSeqAndNode bytes (RFC 4122 text order).
 */
public record TeecUuid(int timeLow, short timeMid, short timeHiAndVersion, byte[] clockSeqAndNode) {
    private static final Pattern TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The i.MX manufacturing-protection PTA (optee_os core/pta/imx/manufacturing_protection.c). */
    public static final TeecUuid MP_PTA = parse("83268b7c-85e3-11e8-adc0-fa7ae01bbebc");
    /** The i.MX OCOTP PTA (optee_os core/pta/imx/ocotp.c, lib/libutee/include/pta_imx_ocotp.h). */
    public static final TeecUuid OCOTP_PTA = parse("9abdf255-d8fa-40de-8f60-4d0b27927b7d");

    public TeecUuid {
        if (clockSeqAndNode.length != 8) {
            throw new IllegalArgumentException("clockSeqAndNode must be 8 bytes");
        }
        clockSeqAndNode = clockSeqAndNode.clone();
    }

    /** From the text form, e.g. {@code 83268b7c-85e3-11e8-adc0-fa7ae01bbebc}. */
    public static TeecUuid parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!TEXT.matcher(t).matches()) {
            throw new IllegalArgumentException("not a UUID: " + text);
        }
        HexFormat hex = HexFormat.of();
        return new TeecUuid((int) Long.parseLong(t.substring(0, 8), 16), (short) Integer.parseInt(t.substring(9, 13), 16),
                (short) Integer.parseInt(t.substring(14, 18), 16), hex.parseHex(t.substring(19, 23) + t.substring(24)));
    }

    @Override
    public byte[] clockSeqAndNode() {
        return clockSeqAndNode.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeecUuid u && u.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        String node = HexFormat.of().formatHex(clockSeqAndNode);
        return String.format("%08x-%04x-%04x-%s-%s", timeLow, timeMid & 0xFFFF, timeHiAndVersion & 0xFFFF,
                node.substring(0, 4), node.substring(4));
    }
}
