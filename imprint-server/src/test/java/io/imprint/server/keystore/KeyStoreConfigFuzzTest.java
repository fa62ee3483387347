package io.imprint.server.keystore;

import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The key-store config file ({@code --key-store @FILE}) and PKCS#11 URIs fed mutations and random
 * text: refused only with {@link IllegalArgumentException} (a bad value, shown as one line),
 * {@link GeneralSecurityException} or {@link IOException}. {@code file:} stores outside the test's
 * directory are never opened (opening one creates it).
 */
class KeyStoreConfigFuzzTest {
    static Path dir;
    static List<String> uris;
    static List<String> configs;
    static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("imprint-keystore-fuzz");
        Path pin = Files.writeString(dir.resolve("pin.txt"), "1234\n");
        uris = List.of("pkcs11:token=imprint;object=oem?pin-value=1234&module-path=/nonexistent/libp11.so",
                "pkcs11:token=imprint;slot-id=7?pin-source=file:" + pin + "&module-path=/nonexistent/lib.so",
                "pkcs11:token=a%20b;object=x?pin-value=1%262&x-slot-list-index=3&module-path=/none.so");
        configs = List.of("# OEM keys\nuri = " + dir.resolve("keys").toUri() + "\n",
                "uri = " + uris.get(0) + "\nmodule = /nonexistent/libsofthsm2.so\n",
                "uri=" + uris.get(1) + "\n");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> uri() {
        return Arbitraries.oneOf(Mutations.ofText(uris), Mutations.randomText(200).map(s -> "pkcs11:" + s));
    }

    @Provide
    Arbitrary<String> config() {
        return Arbitraries.oneOf(Mutations.ofText(configs), Mutations.randomText(300));
    }

    @Property(tries = 400)
    void parse_mutatedOrRandomPkcs11Uri_onlyIllegalArgument(@ForAll("uri") String uri) {
        Fuzz.onlyThrows(() -> Pkcs11Uri.parse(uri), IllegalArgumentException.class);
    }

    @Property(tries = 150)
    void openConfig_mutatedOrRandomConfig_onlyDocumentedExceptions(@ForAll("config") String text) throws Exception {
        Assume.that(staysInside(text));
        Path config = Files.writeString(dir.resolve("keystore-" + COUNTER.incrementAndGet() + ".conf"), text);
        Fuzz.onlyThrows(() -> KeyStoreUris.openConfig(config).close(), IllegalArgumentException.class,
                GeneralSecurityException.class, IOException.class);
    }

    /** A {@code file:} store inside the test directory, or anything that is not a {@code file:} store. */
    private static boolean staysInside(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return true;
        }
        String uri = p.getProperty("uri");
        if (uri == null || !uri.strip().startsWith("file:")) {
            return true;
        }
        try {
            return Path.of(URI.create(uri.strip())).normalize().startsWith(dir) && !uri.contains("..");
        } catch (RuntimeException e) {
            return true; // not a path: openConfig refuses it without creating anything
        }
    }
}
