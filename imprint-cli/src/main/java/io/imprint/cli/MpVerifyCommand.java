package io.imprint.cli;

import io.imprint.device.uboot.UbootMpBackend;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.mp.diagnostics.MpDiagnosis;
import io.imprint.protocol.mp.diagnostics.MpDiagnostics;
import io.imprint.protocol.mp.diagnostics.UbootDigestTranscript;
import io.imprint.protocol.mp.diagnostics.UbootSignTranscript;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint mp verify}: which MPMR a chip signs with, from a transcript, hex values or the board itself. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint mp verify --mp-key pubk.txt --transcript sign.txt",
                "  imprint mp verify --transcript pasted-without-signature.txt",
                "  imprint mp verify --mp-key pubk.txt --message 7A5D4DA3 --digest \"$DIGEST_HEX\"",
                "  imprint mp verify --from-uboot /dev/ttyUSB0 --mp-key pubk.txt"},
        description = "Checks an MP signature and says which MPMR makes it verify. Tries the claimed MPMR, all zeros "
                + "(NXP's tool) and OP-TEE's fill; the digest U-Boot prints tells which MPMR the chip used even "
                + "without a signature or a key. With --from-uboot it signs a test message on the board itself. "
                + "Exit 0: verifies (or, without a signature, the digest names a known MPMR); 3: does not.")
final class MpVerifyCommand implements Callable<Integer> {
    /** The test message signed on a board: a fixed prefix and 16 random bytes. */
    static final String TEST_PREFIX = "IMPRINT MP TEST ";

    @Spec CommandSpec spec;

    @Option(names = "--mp-key",
            description = "MP public key: a file or text (U-Boot 'mfgprot pubk' output, hex X||Y, or PEM). Needed to check a"
                    + " signature; with --from-uboot the board's own key is used when it is not given.")
    String key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Mixin UbootOptions uboot;

    static final class Source {
        @Option(names = "--transcript",
                description = "File with pasted U-Boot 'mfgprot sign' output, with or without its Signature block.")
        String transcript;

        @Option(names = "--from-uboot", paramLabel = "PORT",
                description = "Serial port of a board, e.g. /dev/ttyUSB0: signs a test message there with 'mfgprot sign'.")
        Path port;

        @ArgGroup(exclusive = false)
        Raw raw;
    }

    static final class Raw {
        @Option(names = "--message", required = true, description = "Signed message, hex.") String message;
        @Option(names = "--signature", description = "Signature r||s, hex (64 bytes for P-256).") String signature;
        @Option(names = "--digest", description = "Printed digest SHA-256(MPMR || message), hex.") String digest;
    }

    @Option(names = "--mpmr", description = "The MPMR the device claims it used, hex (32 bytes).")
    String mpmr;

    @Override
    public Integer call() throws Exception {
        Optional<Mpmr> claimed = Optional.ofNullable(mpmr).map(h -> Mpmr.of(Inputs.hex("--mpmr", h, Mpmr.BYTES)));
        MpDiagnosis d;
        if (source.port != null) {
            d = onBoard(claimed);
        } else if (source.transcript != null) {
            d = transcript(Inputs.textOrFile("--transcript", source.transcript), claimed);
        } else if (source.raw.signature == null) {
            if (source.raw.digest == null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give --signature, --digest or both");
            }
            d = MpDiagnostics.diagnoseDigest(Inputs.hex("--message", source.raw.message, 0),
                    Inputs.hex("--digest", source.raw.digest, 32), claimed);
        } else {
            d = MpDiagnostics.diagnose(publicKey(), Inputs.hex("--message", source.raw.message, 0),
                    Inputs.hex("--signature", source.raw.signature, 0), claimed,
                    Optional.ofNullable(source.raw.digest).map(h -> Inputs.hex("--digest", h, 32)));
        }
        return report(d);
    }

    private MpDiagnosis transcript(String text, Optional<Mpmr> claimed) throws Exception {
        boolean signed = UbootDigestTranscript.hasSignature(text);
        try {
            if (signed && key != null) {
                return MpDiagnostics.diagnose(publicKey(), UbootSignTranscript.parse(text), claimed);
            }
            UbootDigestTranscript t = UbootDigestTranscript.parse(text);
            var out = spec.commandLine().getOut();
            out.println(signed ? "No --mp-key: the signature is not checked, only the printed digest."
                    : "The transcript has no Signature block: only the printed digest is checked.");
            return MpDiagnostics.diagnoseDigest(t.message(), t.digest(), claimed);
        } catch (IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "transcript: " + e.getMessage());
        }
    }

    /** Signs a fresh test message on the board and diagnoses it with --mp-key, else with the board's own key. */
    private MpDiagnosis onBoard(Optional<Mpmr> claimed) throws Exception {
        byte[] message = (TEST_PREFIX + HexFormat.of().formatHex(Providers.randomBytes(8))).getBytes(StandardCharsets.US_ASCII);
        try (UbootMpBackend board = uboot.attach(source.port)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Board: " + board.description());
            MpPublicKey boardKey = board.publicKey();
            out.println("Board MP key: " + boardKey.curve() + " " + boardKey.fingerprint().substring(0, 16));
            MpPublicKey verifyWith = boardKey;
            if (key != null) {
                verifyWith = publicKey();
                out.println(verifyWith.equals(boardKey) ? "The board's MP key is --mp-key."
                        : "The board's MP key is NOT --mp-key (" + verifyWith.fingerprint().substring(0, 16) + "): another"
                        + " product, another SRK hash, or a counterfeit chip.");
            }
            UbootSignTranscript t = board.signTranscript(message);
            out.println("Signed test message: " + HexFormat.of().withUpperCase().formatHex(message));
            return MpDiagnostics.diagnose(verifyWith, t, claimed);
        }
    }

    private int report(MpDiagnosis d) {
        var out = spec.commandLine().getOut();
        out.println(d.explanation());
        d.signatureMpmr().ifPresent(m -> out.println("signature: VERIFIES with MPMR " + m.describe() + " (" + m.hex() + ")"));
        if (d.signatureChecked() && d.signatureMpmr().isEmpty()) {
            out.println("signature: DOES NOT VERIFY with any tried MPMR");
        }
        d.digestMpmr().ifPresent(m -> out.println("digest: matches SHA-256(MPMR || message) with MPMR " + m.describe()
                + " (" + m.hex() + ")"));
        if (d.digestChecked() && d.digestMpmr().isEmpty()) {
            out.println("digest: matches no tried MPMR");
        }
        return d.signatureChecked() ? (d.signatureMpmr().isPresent() ? 0 : 3) : (d.digestMpmr().isPresent() ? 0 : 3);
    }

    private MpPublicKey publicKey() throws Exception {
        if (key == null) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "checking a signature needs --mp-key");
        }
        try {
            return MpPublicKey.parse(Inputs.textOrFile("--mp-key", key));
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--mp-key: " + e.getMessage());
        }
    }
}
