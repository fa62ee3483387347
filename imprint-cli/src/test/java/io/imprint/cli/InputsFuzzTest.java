package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The small files and values the CLI reads (MP key file of {@code product enroll --mp-key}, OEM
 * public key PEM, hex values, expiry) fed mutations and random input: refused only with
 * {@link ImprintException} (or the parser's documented {@link GeneralSecurityException}).
 */
class InputsFuzzTest {
    static final String MP_HEX = "0139C932F04525D083E15E3236DD1DCA625B2D0B14C13BA7FAA9C50C16619CE0"
            + "F4C207AA609E4AAE586DF7FEE72F829F3B59CBF49F8F34C34ECA39EBD58E73CE";
    static Path dir;
    static String pem;
    static final AtomicInteger COUNTER = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("imprint-inputs-fuzz");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                ec.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static Path write(byte[] content) throws IOException {
        return Files.write(dir.resolve("input-" + COUNTER.incrementAndGet()), content);
    }

    @Provide
    Arbitrary<byte[]> mpKeyFile() {
        return Arbitraries.oneOf(Mutations.of(List.of(("Public key:\n" + MP_HEX + "\n=> ").getBytes(
                StandardCharsets.US_ASCII), java.util.HexFormat.of().parseHex(MP_HEX), pem.getBytes(StandardCharsets.US_ASCII))),
                Mutations.randomBytes(300));
    }

    @Provide
    Arbitrary<byte[]> pemFile() {
        return Arbitraries.oneOf(Mutations.of(pem.getBytes(StandardCharsets.US_ASCII)), Mutations.randomBytes(300));
    }

    @Provide
    Arbitrary<String> value() {
        return Arbitraries.oneOf(Mutations.ofText(List.of("ab:cd:ef 01", "2030-01-01T00:00:00Z", "30d", "12h")),
                Mutations.randomText(100));
    }

    @Property(tries = 200)
    void mpKeyText_mutatedOrRandomFile_parsedOrRefused(@ForAll("mpKeyFile") byte[] content) throws IOException {
        Path file = write(content);
        Fuzz.onlyThrows(() -> MpPublicKey.parse(Inputs.mpKeyText("--mp-key", file.toString())),
                ImprintException.class, GeneralSecurityException.class);
    }

    @Property(tries = 200)
    void publicKeyPem_mutatedOrRandomFile_keyOrImprintException(@ForAll("pemFile") byte[] content) throws IOException {
        Path file = write(content);
        Fuzz.onlyThrows(() -> assertThat(KeyStores.publicKeyPem("--oem-key", file)).isNotNull(),
                ImprintException.class);
    }

    @Property(tries = 300)
    void hexAndExpiry_mutatedOrRandomValue_valueOrImprintException(@ForAll("value") String value) {
        Fuzz.onlyThrows(() -> Inputs.hex("--srk-hash", value, 0), ImprintException.class);
        Fuzz.onlyThrows(() -> KeyStores.expiry(value, Instant.parse("2026-03-01T00:00:00Z")), ImprintException.class);
    }
}
