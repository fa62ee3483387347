package io.imprint.device.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The station's receipts file as {@code device apply-bundle --receipts} reads it before appending. */
class ReceiptsFileTest {
    static final byte[] TWO_LINES = ("imprint-bundle-receipt-v2 a0 SN1 x y\n\n  \nimprint-bundle-receipt-v2 a1 SN2 x y\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Example
    void count_absentOrTwoLinesAndBlanks_countsNonBlankLines() throws IOException {
        Path dir = Files.createTempDirectory("receipts");
        assertThat(new ReceiptsFile(dir.resolve("none.txt")).count()).isZero();
        assertThat(new ReceiptsFile(Files.write(dir.resolve("r.txt"), TWO_LINES)).count()).isEqualTo(2);
    }

    @Example
    void count_binaryFile_badReceiptNamingTheFile() throws IOException {
        // found by fuzzing: a non-UTF-8 file escaped as MalformedInputException "Input length = 1"
        Path file = Files.write(Files.createTempDirectory("receipts").resolve("r.txt"), new byte[] {'a', (byte) 0xFF});
        assertThatThrownBy(() -> new ReceiptsFile(file).count()).isInstanceOfSatisfying(ImprintException.class, e -> {
            assertThat(e.code()).isEqualTo(ProblemCode.BAD_RECEIPT);
            assertThat(e.detail()).contains(file.toString());
        });
    }

    @Provide
    Arbitrary<byte[]> content() {
        return Arbitraries.oneOf(Mutations.of(TWO_LINES), Mutations.randomBytes(500));
    }

    @Property(tries = 150)
    void count_mutatedOrRandomFile_countOrImprintException(@ForAll("content") byte[] content) throws IOException {
        Path file = Files.write(Files.createTempFile("receipts", ".txt"), content);
        try {
            Fuzz.onlyThrows(() -> assertThat(new ReceiptsFile(file).count()).isNotNegative(), ImprintException.class);
        } finally {
            Files.delete(file);
        }
    }
}
