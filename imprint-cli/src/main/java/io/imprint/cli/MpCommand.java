package io.imprint.cli;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.mp.diagnostics.MpDiagnosis;
import io.imprint.protocol.mp.diagnostics.MpDiagnostics;
import io.imprint.protocol.mp.diagnostics.UbootSignTranscript;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code imprint mp ...}: manufacturing-protection diagnostics. */
@Command(name = "mp", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint mp verify --mp-key pubk.txt --transcript sign.txt"},
        description = "Manufacturing-protection (MP) key diagnostics.", subcommands = MpCommand.Verify.class)
final class MpCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint mp verify --mp-key pubk.txt --transcript sign.txt",
                    "  imprint mp verify --mp-key pubk.txt --message 7A5D4DA3 --digest \"$DIGEST_HEX\""},
            description = "Checks an MP signature and says which MPMR makes it verify. Tries the claimed MPMR, all zeros "
                    + "(NXP's tool) and OP-TEE's fill; a printed U-Boot digest tells which MPMR the chip used even "
                    + "without a matching key. Exit 0: verifies; 3: does not.")
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--mp-key", required = true,
                description = "MP public key: a file or text (U-Boot 'mfgprot pubk' output, hex X||Y, or PEM).")
        String key;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--transcript", description = "File with pasted U-Boot 'mfgprot sign' output.")
            String transcript;

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
            if (source.transcript != null) {
                UbootSignTranscript t;
                try {
                    t = UbootSignTranscript.parse(Inputs.textOrFile("--transcript", source.transcript));
                } catch (IllegalArgumentException e) {
                    throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "transcript: " + e.getMessage());
                }
                d = MpDiagnostics.diagnose(publicKey(), t, claimed);
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
            var out = spec.commandLine().getOut();
            out.println(d.explanation());
            d.signatureMpmr().ifPresent(m -> out.println("signature: VERIFIES with MPMR " + m.describe() + " (" + m.hex() + ")"));
            if (d.signatureChecked() && d.signatureMpmr().isEmpty()) {
                out.println("signature: DOES NOT VERIFY with any tried MPMR");
            }
            d.digestMpmr().ifPresent(m -> out.println("digest: matches SHA-256(MPMR || message) with MPMR " + m.describe()));
            if (d.digestChecked() && d.digestMpmr().isEmpty()) {
                out.println("digest: matches no tried MPMR");
            }
            return d.signatureChecked() ? (d.signatureMpmr().isPresent() ? 0 : 3) : (d.digestMpmr().isPresent() ? 0 : 3);
        }

        private MpPublicKey publicKey() throws Exception {
            try {
                return MpPublicKey.parse(Inputs.textOrFile("--mp-key", key));
            } catch (GeneralSecurityException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--mp-key: " + e.getMessage());
            }
        }
    }
}
