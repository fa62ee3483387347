package io.imprint.protocol.mp;

import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enrolled MP public key: the curve and the bare X||Y the chip prints. Parsed once; the
 * verification key object is built at construction so verifying does no key parsing.
 *
 * <p>Accepted text forms: U-Boot {@code mfgprot pubk} output (pasted whole with its
 * {@code Public key:} header), bare hex of X||Y (any case, whitespace ignored), or PEM
 * SubjectPublicKeyInfo. {@link #fromRaw(byte[])} takes the raw 64 bytes.
 */
public final class MpPublicKey {
    /** Refuse anything larger before parsing. */
    public static final int MAX_TEXT_CHARS = 4096;
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");
    private static final Pattern HEADER = Pattern.compile("(?i)public\\s*key\\s*:");

    private final MpCurve curve;
    private final byte[] xy;
    private final PublicKey verificationKey;
    private final ECPublicKey jdkKey;

    private MpPublicKey(MpCurve curve, byte[] xy) throws GeneralSecurityException {
        this.curve = curve;
        this.xy = xy.clone();
        this.jdkKey = EcPoints.fromXy(xy, curve.spec());
        this.verificationKey = KeyFactory.getInstance("EC", Providers.bouncyCastle())
                .generatePublic(new ECPublicKeySpec(jdkKey.getW(), curve.spec()));
    }

    /** From raw X||Y bytes; the length selects the curve. */
    public static MpPublicKey fromRaw(byte[] xy) throws GeneralSecurityException {
        MpCurve curve;
        try {
            curve = MpCurve.forPublicKeyLength(xy.length);
        } catch (IllegalArgumentException e) {
            throw new java.security.spec.InvalidKeySpecException(e.getMessage());
        }
        return new MpPublicKey(curve, xy);
    }

    /** From any accepted text form (see the class comment). */
    public static MpPublicKey parse(String text) throws GeneralSecurityException {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new java.security.spec.InvalidKeySpecException("MP public key text longer than " + MAX_TEXT_CHARS + " characters");
        }
        Matcher pem = PEM.matcher(text);
        if (pem.find()) {
            return fromPem(pem.group(1));
        }
        String body = text;
        Matcher header = HEADER.matcher(text);
        if (header.find()) {
            body = text.substring(header.end());
        }
        // U-Boot may be followed by a prompt ("=> "); keep only hex digits up to the first other token.
        StringBuilder hex = new StringBuilder();
        for (String token : body.strip().split("\\s+")) {
            if (!token.matches("[0-9A-Fa-f]+")) {
                if (hex.length() > 0) {
                    break;
                }
                continue;
            }
            hex.append(token);
        }
        if (hex.length() == 0 || hex.length() % 2 != 0) {
            throw new java.security.spec.InvalidKeySpecException(
                    "expected 128 hex characters (U-Boot 'mfgprot pubk' output), raw X||Y or PEM");
        }
        return fromRaw(HexFormat.of().parseHex(hex.toString().toLowerCase(Locale.ROOT)));
    }

    private static MpPublicKey fromPem(String base64) throws GeneralSecurityException {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new java.security.spec.InvalidKeySpecException("PEM public key is not valid Base64");
        }
        return fromJdkKey((ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)));
    }

    /** From a JDK EC key on a supported curve. */
    public static MpPublicKey fromJdkKey(ECPublicKey key) throws GeneralSecurityException {
        return fromRaw(EcPoints.toXy(key));
    }

    public MpCurve curve() { return curve; }

    /** Bare X||Y as the chip prints it. */
    public byte[] xy() { return xy.clone(); }

    /** Uppercase hex of X||Y, the U-Boot form. */
    public String hex() { return HexFormat.of().withUpperCase().formatHex(xy); }

    /** The key as a JDK object (SubjectPublicKeyInfo via {@code getEncoded()}). */
    public ECPublicKey jdkKey() { return jdkKey; }

    /** The BouncyCastle key used on the verification hot path. */
    PublicKey verificationKey() { return verificationKey; }

    /** PEM SubjectPublicKeyInfo. */
    public String toPem() {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(jdkKey.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** SHA-256 of X||Y, lowercase hex: a short name for the key in logs and reports. */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xy));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpPublicKey other && curve == other.curve && Arrays.equals(xy, other.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "MpPublicKey[" + curve + " " + fingerprint().substring(0, 16) + "]";
    }
}
