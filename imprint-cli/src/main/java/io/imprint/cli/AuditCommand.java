package io.imprint.cli;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
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

/** {@code imprint audit ...}: export, verify and checkpoint the tamper-evident audit trail. */
@Command(name = "audit", description = "Tamper-evident audit trail: export, verify offline, checkpoint.",
        subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
final class AuditCommand {
    /** Exit code of a trail that does not verify. */
    static final int TAMPERED = 3;

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes a self-contained, verifiable export, ending with a checkpoint signed now.")
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--out", required = true, description = "Export file to write (JSON lines).") Path out;

        @Override
        public Integer call() throws IOException {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".audit-export", ".tmp");
            AuditLog log;
            try (Imprint imprint = Imprint.open(store.config());
                 Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                log = imprint.audit().export(w);
            } catch (IOException | RuntimeException e) {
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
            description = "Verifies an export offline (--file), or the store directly (--data-dir / --database-url). "
                    + "Prints OK with counts, or one line naming the first bad entry and exits " + TAMPERED + ".")
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;
        @Option(names = "--file", description = "Export file to verify offline.") Path file;
        @Option(names = "--key", description = "Audit public key (PEM) the auditor trusts; the export must name it.")
        Path key;
        @Option(names = "--previous", description = "An earlier export kept elsewhere: the trail must still contain what it covered.")
        Path previous;

        @Override
        public Integer call() throws IOException {
            boolean storeGiven = spec.commandLine().getParseResult().hasMatchedOption("--data-dir")
                    || spec.commandLine().getParseResult().hasMatchedOption("--database-url");
            if (file != null && storeGiven) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "give --file or a store, not both");
            }
            if (file == null && key != null && previous == null) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--key applies to --file");
            }
            PrintWriter out = spec.commandLine().getOut();
            try {
                VerifiedAuditLog verified = file != null ? verifyFile(file) : verifyStore();
                if (previous != null) {
                    AuditVerifier.requireExtends(verified, verifyFile(previous));
                }
                out.println("OK: " + verified.entryCount() + " entries, " + verified.checkpointCount()
                        + " checkpoints, head " + verified.headHash().substring(0, 16)
                        + verified.lastCheckpoint().map(c -> ", last checkpoint covers entry " + c.seq()
                        + " signed at " + c.signedAt()).orElse(", no checkpoint yet"));
                return 0;
            } catch (AuditTamperException e) {
                out.println("TAMPERED: " + e.getMessage());
                return TAMPERED;
            }
        }

        private VerifiedAuditLog verifyFile(Path export) throws IOException, AuditTamperException {
            PublicKey trusted = key == null ? null : trustedKey(key);
            try (BufferedReader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                return AuditVerifier.verifyExport(AuditExportFile.read(r), trusted);
            }
        }

        private VerifiedAuditLog verifyStore() throws AuditTamperException {
            try (Imprint imprint = Imprint.open(store.config())) {
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
            description = "Signs a checkpoint covering the newest entry now.")
    static final class Checkpoint implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOptions store;

        @Override
        public Integer call() {
            try (Imprint imprint = Imprint.open(store.config())) {
                AuditCheckpoint cp = imprint.audit().checkpoint();
                spec.commandLine().getOut().println("Checkpoint covers entry " + cp.seq() + " (hash "
                        + cp.entryHash().substring(0, 16) + "), signed at " + cp.signedAt());
            }
            return 0;
        }
    }
}
