package io.imprint.cli;

import io.imprint.server.bundle.RefusedLine;
import io.imprint.server.reports.ReportCsv;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The refused lines of a receipts import as CSV (RFC 4180), header {@value #HEADER}: written to a
 * temporary file beside the target, then moved over it, so the target is whole or untouched.
 */
final class RefusalsCsv {
    static final String HEADER = "line,serial,chip,code,detail";

    private RefusalsCsv() {
    }

    /** Creates the temporary file beside {@code target}: a missing or unwritable directory fails now. */
    static Path reserve(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--refusals-out " + target + " is a directory");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--refusals-out " + target + ": directory " + dir + " does not exist");
        }
        return Files.createTempFile(dir, ".refusals", ".tmp");
    }

    /** Writes {@code lines} to {@code tmp} and moves it over {@code target}. */
    static void write(List<RefusedLine> lines, Path tmp, Path target) throws IOException {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(HEADER + "\r\n");
            for (RefusedLine l : lines) {
                w.write(l.line() + "," + ReportCsv.cell(l.serial()) + "," + ReportCsv.cell(l.chip()) + "," + ReportCsv.cell(l.code()) + ","
                        + ReportCsv.cell(l.detail()) + "\r\n");
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
