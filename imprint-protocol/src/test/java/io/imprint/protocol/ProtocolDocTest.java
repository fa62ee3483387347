package io.imprint.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.testing.VectorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md stays true where it can be checked cheaply: every vector block (in any document
 * under docs/) shows the bytes of its checked-in file, every vector file is shown, the MP key examples
 * are the key they claim, and links point at files and headings that exist.
 */
class ProtocolDocTest {
    private static final Pattern FENCE = Pattern.compile("(?m)^ *```(\\w*)\\n(.*?)^ *```$", Pattern.DOTALL);
    private static final String VECTOR_MARK = "# vector ";
    private static final Path ROOT = repositoryRoot();
    private static final String DOC = read(ROOT.resolve("docs/protocol.md"));

    @Test
    void vectorBlocks_everyValue_equalsItsFile() {
        List<String> blocks = vectorBlocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
        for (String block : blocks) {
            String path = vectorPath(block);
            Map<String, String> shown = VectorFile.parse(block).values();
            Map<String, String> file = VectorFile.parse(read(ROOT.resolve(path))).values();
            assertThat(shown).as(path).isNotEmpty();
            shown.forEach((name, value) -> assertThat(file).as(path + ": " + name).containsEntry(name, value));
        }
    }

    @Test
    void vectorFiles_each_isShownInADocument() throws IOException {
        List<String> shown = vectorBlocks().stream().map(ProtocolDocTest::vectorPath).toList();
        for (String module : List.of("imprint-protocol", "imprint-server")) {
            try (Stream<Path> files = Files.list(ROOT.resolve(module + "/src/test/resources/vectors"))) {
                for (Path f : files.toList()) {
                    assertThat(shown).as("a vector block for " + f.getFileName())
                            .contains(ROOT.relativize(f).toString().replace('\\', '/'));
                }
            }
        }
    }

    @Test
    void mpKeyExamples_ubootAndPem_areTheVectorKeyWithTheStatedFingerprint() throws Exception {
        byte[] vectorKey = VectorFile.load("evidence-v1.txt").hex("mpPublicKey");
        String uboot = block(b -> b.contains("mfgprot pubk") && b.contains("Public key:"));
        String pem = block(b -> b.contains("-----BEGIN PUBLIC KEY-----"));
        MpPublicKey fromUboot = MpPublicKey.parse(uboot);
        assertThat(fromUboot.xy()).isEqualTo(vectorKey);
        assertThat(MpPublicKey.parse(pem)).isEqualTo(fromUboot);
        assertThat(DOC).contains("`" + fromUboot.fingerprint() + "`").contains("`" + fromUboot.fingerprint()
                .substring(0, 16) + "`");
    }

    @Test
    void repositoryLinks_each_pointsAtAnExistingFile() {
        Matcher link = Pattern.compile("\\]\\((\\.\\./[^)#]+|[a-z-]+\\.md)(#[^)]*)?\\)").matcher(DOC);
        int count = 0;
        while (link.find()) {
            assertThat(ROOT.resolve("docs").resolve(link.group(1)).normalize()).as(link.group()).exists();
            count++;
        }
        assertThat(count).isGreaterThan(5);
    }

    @Test
    void sectionLinks_intoThisDocument_nameExistingHeadings() throws IOException {
        List<String> anchors = DOC.lines().filter(l -> l.startsWith("#") && !l.startsWith("# vector"))
                .map(ProtocolDocTest::slug).toList();
        Pattern own = Pattern.compile("\\]\\(#([^)]+)\\)");
        Pattern fromOthers = Pattern.compile("\\]\\(protocol\\.md#([^)]+)\\)");
        int count = 0;
        for (Matcher m = own.matcher(DOC); m.find(); count++) {
            assertThat(anchors).as(m.group()).contains(m.group(1));
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                for (Matcher m = fromOthers.matcher(read(doc)); m.find(); count++) {
                    assertThat(anchors).as(doc.getFileName() + " " + m.group()).contains(m.group(1));
                }
            }
        }
        assertThat(count).isGreaterThan(5);
    }

    /** GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens. */
    private static String slug(String heading) {
        return heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    /** The vector blocks of every document in docs/. */
    private static List<String> vectorBlocks() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).toList()) {
                Matcher m = FENCE.matcher(read(doc));
                while (m.find()) {
                    if (m.group(2).startsWith(VECTOR_MARK)) {
                        out.add(m.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static String vectorPath(String block) {
        return block.lines().findFirst().orElseThrow().substring(VECTOR_MARK.length()).strip();
    }

    private static String block(java.util.function.Predicate<String> which) {
        Matcher m = FENCE.matcher(DOC);
        while (m.find()) {
            if (which.test(m.group(2))) {
                return m.group(2);
            }
        }
        throw new AssertionError("no such block in docs/protocol.md");
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/protocol.md")) && Files.isDirectory(p.resolve("imprint-protocol"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from inside the repository");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
