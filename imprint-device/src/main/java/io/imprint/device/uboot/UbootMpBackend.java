package io.imprint.device.uboot;

import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.MpSignature;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.mp.diagnostics.MpDiagnosis;
import io.imprint.protocol.mp.diagnostics.MpDiagnostics;
import io.imprint.protocol.mp.diagnostics.UbootSignTranscript;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Optional;

/**
 * The MP key of a board driven over its U-Boot console (on the station, not on the device). U-Boot
 * never prints the MPMR: each signature's MPMR is found from the printed digest
 * SHA-256(MPMR || message), which must match all zeros or OP-TEE's fill, and the signature is then
 * checked with the board's own public key before it is returned, so a garbled transfer never leaves
 * this class. The public key is read once.
 *
 * <p>Failures: console problems are {@link GeneralSecurityException}s whose message is the console's
 * one line (cause: {@link UbootConsoleException}); an unknown MPMR or a signature that does not verify
 * is a {@link SignatureException}.
 */
public final class UbootMpBackend implements MpBackend, AutoCloseable {
    private final UbootConsole console;
    private final Mfgprot mfgprot;
    private final String banner;
    private MpPublicKey publicKey;

    private UbootMpBackend(UbootConsole console, Mfgprot mfgprot, String banner) {
        this.console = console;
        this.mfgprot = mfgprot;
        this.banner = banner;
    }

    /** Takes over the console (stops autoboot), reads U-Boot's version line for {@link #description()}. */
    public static UbootMpBackend attach(ConsoleLink link, UbootConsole.Settings settings, Optional<Long> loadAddress)
            throws IOException {
        UbootConsole console = UbootConsole.attach(link, settings);
        try {
            String version = firstLine(console.run("version"));
            return new UbootMpBackend(console, new Mfgprot(console, loadAddress), version);
        } catch (IOException | RuntimeException e) {
            console.close();
            throw e;
        }
    }

    private static String firstLine(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }

    @Override
    public synchronized MpPublicKey publicKey() throws GeneralSecurityException {
        if (publicKey == null) {
            try {
                publicKey = mfgprot.publicKey();
            } catch (IOException e) {
                throw consoleFailure(e);
            }
        }
        return publicKey;
    }

    @Override
    public synchronized MpSignature sign(byte[] message) throws GeneralSecurityException {
        if (message.length == 0 || message.length > Mfgprot.MAX_MESSAGE_BYTES) {
            throw new SignatureException("MP message must be 1-" + Mfgprot.MAX_MESSAGE_BYTES + " bytes over the U-Boot console, got "
                    + message.length);
        }
        MpPublicKey key = publicKey();
        UbootSignTranscript t;
        try {
            t = mfgprot.sign(message);
        } catch (IOException e) {
            throw consoleFailure(e);
        }
        Mpmr mpmr = mpmrOf(t);
        MpVerifier.verify(key, mpmr, message, t.rs());
        return new MpSignature(mpmr, t.rs());
    }

    /**
     * Signs {@code message} and returns U-Boot's output as printed, for diagnostics that must see an
     * unknown MPMR or a bad signature rather than refuse it.
     */
    public synchronized UbootSignTranscript signTranscript(byte[] message) throws GeneralSecurityException {
        try {
            return mfgprot.sign(message);
        } catch (IOException e) {
            throw consoleFailure(e);
        }
    }

    /** The MPMR behind the printed digest: all zeros or OP-TEE's fill; anything else is refused. */
    static Mpmr mpmrOf(UbootSignTranscript t) throws SignatureException {
        MpDiagnosis d = MpDiagnostics.diagnoseDigest(t.message(), t.digest(), Optional.empty());
        return d.digestMpmr().orElseThrow(() -> new SignatureException("the board signed over an unknown MPMR (the printed"
                + " digest is SHA-256(MPMR || message) for neither all zeros nor OP-TEE's fill): something filled the"
                + " register before U-Boot; find out what, or sign through that software"));
    }

    private static GeneralSecurityException consoleFailure(IOException e) {
        return new GeneralSecurityException(e.getMessage(), e);
    }

    @Override
    public String description() {
        return "i.MX CAAM MP over the U-Boot console on " + console.port() + " (" + banner + ")";
    }

    @Override
    public void close() {
        console.close();
    }
}
