package io.imprint.device.bundle;

import io.imprint.protocol.bundle.SealedReceiptLine;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The receipts file the station collects: one {@link SealedReceiptLine} per line, appended and synced to
 * disk. Bounded: at most {@link #MAX_BYTES} bytes.
 */
public final class ReceiptsFile {
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    private final Path file;

    public ReceiptsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Number of non-empty lines already in the file (0 when absent). */
    public long count() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        requireSize(0);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "receipts file " + file
                    + " is not UTF-8 text: not a receipts file, or damaged");
        }
        return text.lines().filter(l -> !l.isBlank()).count();
    }

    /** Appends {@code line} and an LF, then forces the file to disk. */
    public void append(String line) throws IOException {
        SealedReceiptLine.parse(line);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        requireSize(bytes.length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
    }

    private void requireSize(int adding) throws IOException {
        if (Files.exists(file) && Files.size(file) + adding > MAX_BYTES) {
            throw new ImprintException(ProblemCode.REQUEST_TOO_LARGE, "receipts file " + file + " is full ("
                    + MAX_BYTES + " bytes); collect it first");
        }
    }
}
