package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.admin.AdminOperations;
import io.imprint.server.admin.AuditVerification;
import io.imprint.server.admin.CheckpointView;
import io.imprint.server.audit.AuditCheckpoint;
import io.imprint.server.audit.AuditExportFile;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.audit.AuditLog;
import io.imprint.server.audit.AuditTamperException;
import io.imprint.server.audit.AuditVerifier;
import io.imprint.server.audit.VerifiedAuditLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint audit ...}: export, verify and checkpoint the tamper-evident audit trail, locally or via --server. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint audit export --data-dir /srv/imprint --out audit.jsonl",
                "  imprint audit verify --file audit.jsonl --key /srv/imprint/keys/audit.pub.pem"},
        description = "Tamper-evident audit trail: export, verify offline, checkpoint.",
        subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
final class AuditCommand {
    /** Exit code of a trail that does not verify. */
    static final int TAMPERED = 3;

    /**
     * With --data-dir the audit commands work on the store directly, leaving no admin entry: an entry
     * recording a checkpoint would land after it, so the trail could never end fully signed. Via
     * --server they are admin API calls, recorded like every other.
     */
    private static <T> T local(AdminTarget target, java.util.function.Function<Imprint, T> work) {
        try (Imprint imprint = target.openStore()) {
            return work.apply(imprint);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint audit export --data-dir /srv/imprint --out audit.jsonl",
                    "  imprint audit export --server https://127.0.0.1:8444 --operator carol \\",
                    "      --server-fingerprint \"$FINGERPRINT\" --out audit.jsonl"},
            description = "Writes a self-contained, verifiable export, ending with a checkpoint signed now.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--out", required = true, description = "Export file to write (JSON lines).") Path out;

        @Override
        public Integer call() throws Exception {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".audit-export", ".tmp");
            AuditLog log;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                log = target.remote() ? target.with(ops -> ops.exportAudit(w)) : local(target, i -> i.audit().export(w));
            } catch (Exception e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            AuditCheckpoint last = log.checkpoints().getLast();
            spec.commandLine().getOut().println("Exported " + log.entries().size() + " entries and "
                    + log.checkpoints().size() + " checkpoints to " + out + "; final checkpoint covers entry "
                    + last.seq() + ", signed at " + last.signedAt());
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint audit verify --file audit.jsonl --key /srv/imprint/keys/audit.pub.pem",
                    "  imprint audit verify --data-dir /srv/imprint --previous audit.jsonl"},
            description = "Verifies an export offline (--file), the store directly (--data-dir / --database-url), "
                    + "or the server's store via --server. "
                    + "Prints OK with counts, or one line naming the first bad entry and exits " + TAMPERED + ".")
    static final class Verify implements Callable<Integer> {
        private static final long MAX_EXPORT_BYTES = 2L << 30;
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;
        @Option(names = "--file", description = "Export file to verify offline.") Path file;
        @Option(names = "--key", description = "Audit public key (PEM) the auditor trusts; the export must name it.")
        Path key;
        @Option(names = "--previous", description = "An earlier export kept elsewhere: the trail must still contain what it covered.")
        Path previous;
        @Option(names = "--trust-embedded-key", description = {"Accept the audit key named inside the export instead of --key.",
                "Checks integrity only: a forger re-signing everything with their own key would pass."})
        boolean trustEmbeddedKey;

        @Override
        public Integer call() throws Exception {
            boolean storeGiven = spec.commandLine().getParseResult().hasMatchedOption("--data-dir")
                    || spec.commandLine().getParseResult().hasMatchedOption("--database-url") || target.remote();
            if (file != null && storeGiven) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give --file or a store, not both");
            }
            if (target.remote()) {
                if (key != null || previous != null) {
                    throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                            "--key and --previous apply to --file and --data-dir; export first, then verify the file");
                }
                AuditVerification v = target.with(AdminOperations::verifyAudit);
                spec.commandLine().getOut().println(v.summary());
                return v.verified() ? 0 : TAMPERED;
            }
            if (file == null && key != null && previous == null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--key applies to --file");
            }
            if (file != null && key == null && !trustEmbeddedKey) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give --key <audit.pub.pem> (the audit key you "
                        + "trust, from the server's keys/ directory) or --trust-embedded-key to check integrity only");
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                VerifiedAuditLog verified = file != null ? verifyFile(file, key == null ? null : trustedKey(key)) : verifyStore();
                if (previous != null) {
                    // Verifying the store: the earlier export must carry the store's own audit key unless --key says otherwise.
                    AuditVerifier.requireExtends(verified, verifyFile(previous,
                            key != null ? trustedKey(key) : file == null ? storeKey() : null));
                }
                out.println(AuditVerification.of(verified).summary());
                if (file != null && key == null) {
                    out.println("NOTE: the audit key was taken from the export itself (--trust-embedded-key): "
                            + "this proves integrity, not who signed; pin it with --key");
                }
                return 0;
            } catch (AuditTamperException e) {
                out.println("TAMPERED: " + e.getMessage());
                return TAMPERED;
            }
        }

        private VerifiedAuditLog verifyFile(Path export, PublicKey trusted) throws IOException, AuditTamperException {
            if (!Files.isRegularFile(export)) {
                throw new ImprintException(ProblemCode.NOT_FOUND, "--file " + export + ": no such audit export file");
            }
            if (Files.size(export) > MAX_EXPORT_BYTES) {
                throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, export + " is larger than 2 GiB");
            }
            try (BufferedReader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                return AuditVerifier.verifyExport(AuditExportFile.read(r), trusted);
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--file " + export
                        + " is not an audit export: it is not UTF-8 text (made by 'imprint audit export')");
            }
        }

        private PublicKey storeKey() {
            try (Imprint imprint = target.openStore()) {
                return imprint.auditKey().publicKey();
            }
        }

        private VerifiedAuditLog verifyStore() throws AuditTamperException {
            try (Imprint imprint = target.openStore()) {
                return imprint.audit().verifyStore();
            }
        }

        private static PublicKey trustedKey(Path pem) throws IOException {
            try {
                return AuditKey.publicKeyFromPem(new String(Inputs.readFile("--key", pem), StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--key: not a PEM EC public key");
            }
        }
    }

    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint audit checkpoint --data-dir /srv/imprint"},
            description = "Signs a checkpoint covering the newest entry now.")
    static final class Checkpoint implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin AdminTarget target;

        @Override
        public Integer call() throws Exception {
            CheckpointView cp = target.remote() ? target.with(AdminOperations::checkpoint)
                    : local(target, i -> CheckpointView.of(i.audit().checkpoint()));
            spec.commandLine().getOut().println("Checkpoint covers entry " + cp.seq() + " (hash "
                    + cp.entryHash().substring(0, 16) + "), signed at " + cp.signedAt());
            return 0;
        }
    }
}
