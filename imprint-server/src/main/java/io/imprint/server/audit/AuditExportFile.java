package io.imprint.server.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The export file (docs/audit.md): JSON lines, UTF-8, each ending in {@code \n}. Line 1 is the
 * header with the format version and the audit public key; then every entry in seq order; then every
 * checkpoint in signing order, the last one made at export time. Reading is bounded and strict
 * about structure; trust comes only from {@link AuditVerifier}.
 */
public final class AuditExportFile {
    /** Value of the header's {@code format} field. */
    public static final String FORMAT = "imprint-audit-export";
    /** Value of the header's {@code version} field. */
    public static final int VERSION = 1;
    /** Longest accepted line in characters. */
    public static final int MAX_LINE = 256 * 1024;
    /** Most lines an export may have (entries and checkpoints; about 0.5 KiB each in memory). */
    public static final int MAX_LINES = 4_000_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private AuditExportFile() {
    }

    /** Writes {@code log} as an export. */
    public static void write(Writer out, AuditLog log) throws IOException {
        ObjectNode header = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("auditKey", log.keyPem());
        line(out, header);
        for (AuditEntry e : log.entries()) {
            line(out, JSON.createObjectNode().put("type", "entry").put("seq", e.seq())
                    .put("recordedAt", e.recordedAt().toEpochMilli()).put("kind", e.kind()).put("actor", e.actor())
                    .put("payload", e.payload()).put("prevHash", e.prevHash()).put("entryHash", e.entryHash()));
        }
        for (AuditCheckpoint cp : log.checkpoints()) {
            line(out, JSON.createObjectNode().put("type", "checkpoint").put("seq", cp.seq())
                    .put("entryHash", cp.entryHash()).put("signedAt", cp.signedAt().toEpochMilli())
                    .put("signature", cp.signature()));
        }
        out.flush();
    }

    private static void line(Writer out, ObjectNode node) throws IOException {
        out.write(JSON.writeValueAsString(node));
        out.write('\n');
    }

    /**
     * Reads an export. A last line without its newline is kept only if it parses (a cut file loses
     * it, and verification then reports the truncation).
     *
     * @throws AuditTamperException {@link AuditFault#MALFORMED} naming the line
     */
    public static AuditLog read(Reader in) throws IOException, AuditTamperException {
        BoundedLines lines = new BoundedLines(in, MAX_LINE);
        String first = lines.next();
        JsonNode header = parse(first, 1, false);
        if (header == null || !FORMAT.equals(text(header, "format", 1)) || header.path("version").asInt() != VERSION) {
            throw new AuditTamperException(1, AuditFault.MALFORMED, "not an " + FORMAT + " version " + VERSION + " header");
        }
        String keyPem = text(header, "auditKey", 1);
        List<AuditEntry> entries = new ArrayList<>();
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            int no = lines.number();
            if (no > MAX_LINES) {
                throw new AuditTamperException(no, AuditFault.MALFORMED, "more than " + MAX_LINES + " lines");
            }
            JsonNode node = parse(line, no, !lines.terminated());
            if (node == null) {
                break;
            }
            String type = text(node, "type", no);
            if ("entry".equals(type) && checkpoints.isEmpty()) {
                entries.add(new AuditEntry(number(node, "seq", no), Instant.ofEpochMilli(number(node, "recordedAt", no)),
                        text(node, "kind", no), text(node, "actor", no), text(node, "payload", no),
                        text(node, "prevHash", no), text(node, "entryHash", no)));
            } else if ("checkpoint".equals(type)) {
                checkpoints.add(new AuditCheckpoint(number(node, "seq", no), text(node, "entryHash", no),
                        Instant.ofEpochMilli(number(node, "signedAt", no)), text(node, "signature", no)));
            } else {
                throw new AuditTamperException(no, AuditFault.MALFORMED, "expected an entry or a checkpoint line, "
                        + "entries first");
            }
        }
        return new AuditLog(keyPem, entries, checkpoints);
    }

    /** Parses one line; an unparseable unterminated last line yields null (the file was cut). */
    private static JsonNode parse(String line, int no, boolean cutTail) throws AuditTamperException {
        if (line == null) {
            throw new AuditTamperException(no, AuditFault.MALFORMED, "empty file");
        }
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        if (cutTail) {
            return null;
        }
        throw new AuditTamperException(no, AuditFault.MALFORMED, "not a JSON object");
    }

    private static String text(JsonNode node, String field, int no) throws AuditTamperException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new AuditTamperException(no, AuditFault.MALFORMED, "missing text field " + field);
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field, int no) throws AuditTamperException {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new AuditTamperException(no, AuditFault.MALFORMED, "missing integer field " + field);
        }
        return v.asLong();
    }
}
