package io.imprint.protocol.mp.diagnostics;

import java.util.regex.Matcher;

/**
 * The part of a pasted U-Boot {@code mfgprot sign} output that tells the MPMR without any key: the
 * {@code Message:} bytes and the printed {@code Message Representative Digest(SHA-256):}. What follows
 * the digest (a {@code Signature:} block, a prompt, nothing) is ignored; see {@link #hasSignature}.
 *
 * @param message the signed bytes
 * @param digest the printed SHA-256(MPMR || message), 32 bytes
 */
public record UbootDigestTranscript(byte[] message, byte[] digest) {
    public UbootDigestTranscript {
        message = message.clone();
        digest = digest.clone();
    }

    @Override public byte[] message() { return message.clone(); }
    @Override public byte[] digest() { return digest.clone(); }

    /** Parses the message and digest; a missing or malformed part is an {@link IllegalArgumentException} saying which. */
    public static UbootDigestTranscript parse(String text) {
        if (text.length() > UbootSignTranscript.MAX_CHARS) {
            throw new IllegalArgumentException("transcript longer than " + UbootSignTranscript.MAX_CHARS + " characters");
        }
        String t = text.replace("\r", "");
        Matcher msg = UbootSignTranscript.find(UbootSignTranscript.MESSAGE, t, 0, "'Message:' line");
        Matcher dgst = UbootSignTranscript.find(UbootSignTranscript.DIGEST, t, msg.end(),
                "'Message Representative Digest(SHA-256):' line");
        byte[] message = UbootSignTranscript.messageBytes(t.substring(msg.end(), dgst.start()));
        byte[] digest = UbootSignTranscript.hex(t.substring(dgst.end()), "digest", 32, false);
        return new UbootDigestTranscript(message, digest);
    }

    /** Whether the pasted output goes on with a {@code Signature:} block after its digest. */
    public static boolean hasSignature(String text) {
        String t = text.length() > UbootSignTranscript.MAX_CHARS ? "" : text.replace("\r", "");
        Matcher dgst = UbootSignTranscript.DIGEST.matcher(t);
        return dgst.find() && UbootSignTranscript.SIGNATURE.matcher(t).find(dgst.end());
    }
}
