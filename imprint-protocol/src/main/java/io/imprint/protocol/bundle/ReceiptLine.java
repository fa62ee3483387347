package io.imprint.protocol.bundle;

import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a receipts file (UTF-8 text, one receipt per line, LF-terminated):
 *
 * <pre>imprint-bundle-receipt-v1 SP base64(receipt bytes) SP hex(MPMR, 32 bytes) SP hex(r||s, 64 bytes)</pre>
 *
 * Base64 is the standard alphabet with padding; hex is case-insensitive (written lowercase).
 * A line is at most {@link #MAX_LINE_CHARS} characters. The MPMR is the one the chip signed over.
 */
public record ReceiptLine(byte[] receiptBytes, Mpmr mpmr, byte[] signature) {
    public static final String TAG = "imprint-bundle-receipt-v1";
    public static final int MAX_LINE_CHARS = 1024;
    private static final Pattern LINE = Pattern.compile(
            TAG + " ([A-Za-z0-9+/]{4," + 4 * ((BundleReceiptCodec.MAX_BYTES + 2) / 3) + "}={0,2}) ([0-9A-Fa-f]{64}) ([0-9A-Fa-f]{128})");

    public ReceiptLine {
        receiptBytes = receiptBytes.clone();
        signature = signature.clone();
    }

    @Override public byte[] receiptBytes() { return receiptBytes.clone(); }
    @Override public byte[] signature() { return signature.clone(); }

    /** The line without its terminating LF. */
    public String format() {
        HexFormat hex = HexFormat.of();
        return TAG + " " + Base64.getEncoder().encodeToString(receiptBytes) + " " + hex.formatHex(mpmr.bytes())
                + " " + hex.formatHex(signature);
    }

    /** Parses one line (without LF; a trailing CR is tolerated); failures are {@link ProblemCode#BAD_RECEIPT}. */
    public static ReceiptLine parse(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.length() > MAX_LINE_CHARS) {
            throw bad("receipt line longer than " + MAX_LINE_CHARS + " characters");
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw bad("not a '" + TAG + " <base64 receipt> <hex MPMR> <hex r||s>' line");
        }
        byte[] receipt;
        try {
            receipt = Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw bad("receipt is not valid Base64");
        }
        HexFormat hex = HexFormat.of();
        return new ReceiptLine(receipt, Mpmr.of(hex.parseHex(m.group(2))), hex.parseHex(m.group(3)));
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_RECEIPT, detail);
    }
}
