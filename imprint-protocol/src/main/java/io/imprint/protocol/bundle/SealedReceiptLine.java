package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a receipts file (UTF-8 text, one receipt per line, LF-terminated), sealed to the
 * OEM's receipt key by {@link ReceiptSeal}:
 *
 * <pre>imprint-bundle-receipt-v2 SP hex(bundleId, 16 bytes) SP serial SP base64(ephemeral key, SEC1 65 bytes)
 * SP base64(iv(12) || AES-256-GCM ciphertext || tag(16))</pre>
 *
 * Only the bundle id and the serial are in the clear (station bookkeeping; both are bound into the
 * AEAD). The MPMR, the MP signature, the chip id and the receipt are inside the ciphertext: an MP
 * signature over a known message reveals the MP public key by ECDSA public-key recovery. A line is at
 * most {@link #MAX_LINE_CHARS} characters. Clear {@code v1} lines are refused with a clear message.
 */
public record SealedReceiptLine(byte[] bundleId, String serial, byte[] ephemeralKey, byte[] sealed) {
    public static final String TAG = "imprint-bundle-receipt-v2";
    public static final String CLEAR_V1_TAG = "imprint-bundle-receipt-v1";
    public static final int MAX_LINE_CHARS = 1024;
    public static final int EPHEMERAL_KEY_BYTES = 65;
    /** iv(12) + tag(16) + the smallest content. */
    static final int MIN_SEALED_BYTES = 12 + 16 + 1;
    private static final Pattern LINE = Pattern.compile(TAG + " ([0-9a-f]{32}) ([A-Za-z0-9._-]{1,64})"
            + " ([A-Za-z0-9+/]{87}=) ([A-Za-z0-9+/]{40,1000}={0,2})");

    public SealedReceiptLine {
        bundleId = bundleId.clone();
        ephemeralKey = ephemeralKey.clone();
        sealed = sealed.clone();
        require(bundleId.length == BundleHeader.BUNDLE_ID_BYTES, "bundle id must be 16 bytes");
        require(serial != null && Fields.IDENTIFIER.matcher(serial).matches(), "invalid serial");
        require(ephemeralKey.length == EPHEMERAL_KEY_BYTES, "ephemeral key must be 65 bytes SEC1");
        require(sealed.length >= MIN_SEALED_BYTES, "sealed receipt too short");
    }

    @Override public byte[] bundleId() { return bundleId.clone(); }
    @Override public byte[] ephemeralKey() { return ephemeralKey.clone(); }
    @Override public byte[] sealed() { return sealed.clone(); }

    public String bundleIdHex() {
        return HexFormat.of().formatHex(bundleId);
    }

    /** The line without its terminating LF; refuses to produce a line over {@link #MAX_LINE_CHARS}. */
    public String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        String line = TAG + " " + bundleIdHex() + " " + serial + " " + b64.encodeToString(ephemeralKey) + " "
                + b64.encodeToString(sealed);
        require(line.length() <= MAX_LINE_CHARS, "sealed receipt line longer than " + MAX_LINE_CHARS + " characters");
        return line;
    }

    /** Parses one line (without LF; a trailing CR is tolerated); failures are {@link ProblemCode#BAD_RECEIPT}. */
    public static SealedReceiptLine parse(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.length() > MAX_LINE_CHARS) {
            throw bad("receipt line longer than " + MAX_LINE_CHARS + " characters");
        }
        if (text.startsWith(CLEAR_V1_TAG + " ")) {
            throw bad("clear " + CLEAR_V1_TAG + " receipt lines are refused: they expose the MP signature, from which"
                    + " the MP public key (the bundle secret) can be recovered; update the device agent");
        }
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            throw bad("not a '" + TAG + " <hex bundle id> <serial> <base64 ephemeral key> <base64 sealed>' line");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            return new SealedReceiptLine(HexFormat.of().parseHex(m.group(1)), m.group(2), b64.decode(m.group(3)),
                    b64.decode(m.group(4)));
        } catch (IllegalArgumentException e) {
            throw bad("sealed receipt line: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SealedReceiptLine[" + bundleIdHex() + " serial=" + serial + " " + sealed.length + " sealed bytes]";
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new IllegalArgumentException(detail);
        }
    }

    private static ImprintException bad(String detail) {
        return new ImprintException(ProblemCode.BAD_RECEIPT, detail);
    }
}
