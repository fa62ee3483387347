package io.imprint.device.uboot.emulator;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.MpSignature;
import io.imprint.protocol.mp.MpDigest;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * What {@code mfgprot} prints after its header line when the CAAM job succeeds, byte for byte as
 * arch/arm/mach-imx/cmd_mfgprot.c prints it: {@code %02X} per byte, the message bytes each followed by
 * a space. Lines end in {@code \n} (the console makes them CR/LF).
 */
final class MfgprotOutput {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MfgprotOutput() {
    }

    /** {@code Public key:} and X||Y as 128 hex characters. */
    static String publicKey(EmulatedCaamChip chip) {
        return "Public key:\n" + chip.publicKey().hex() + "\n";
    }

    /** The message, the digest SHA-256(MPMR || message), and the signature as C (r) and d (s). */
    static String signature(EmulatedCaamChip chip, byte[] message) throws GeneralSecurityException {
        MpSignature sig = chip.sign(message);
        StringBuilder msg = new StringBuilder("Message: ");
        for (byte b : message) {
            msg.append(HEX.toHexDigits(b)).append(' ');
        }
        byte[] rs = sig.rs();
        return msg + "\n"
                + "Message Representative Digest(SHA-256):\n" + HEX.formatHex(MpDigest.of(chip.mpmr(), message)) + "\n"
                + "Signature:\nC:\n" + HEX.formatHex(rs, 0, 32) + "\nd:\n" + HEX.formatHex(rs, 32, 64) + "\n";
    }
}
