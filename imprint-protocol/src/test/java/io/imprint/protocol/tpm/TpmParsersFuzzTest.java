package io.imprint.protocol.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import io.imprint.protocol.testing.VectorFile;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The TPM structure parsers and the quote check, fed mutated real structures and random bytes:
 * they accept, or refuse with malformed-request (parsers) or a GeneralSecurityException (checks),
 * never anything else, never a hang, never a large allocation.
 */
class TpmParsersFuzzTest {
    static final VectorFile V = VectorFile.load("tpm-quote-v1.txt");

    @Provide
    Arbitrary<byte[]> publics() {
        return Mutations.of(List.of(V.hex("ekPublic"), V.hex("akPublic")));
    }

    @Provide
    Arbitrary<byte[]> attest() {
        return Mutations.of(V.hex("attest"));
    }

    @Provide
    Arbitrary<byte[]> signature() {
        return Mutations.of(V.hex("signature"));
    }

    @Provide
    Arbitrary<byte[]> random() {
        return Mutations.randomBytes(3000);
    }

    @Property(tries = 300)
    void parsePublic_mutated_malformedOrReencodesExactly(@ForAll("publics") byte[] input) {
        Fuzz.onlyRefuses(() -> {
            TpmPublic p = TpmPublic.parseTpm2b(input);
            assertThat(p.marshaled()).isEqualTo(Arrays.copyOfRange(input, 2, input.length));
            p.name();
        }, ProblemCode.MALFORMED_REQUEST);
    }

    @Property(tries = 300)
    void parseAttest_mutated_malformedOrParsed(@ForAll("attest") byte[] input) {
        Fuzz.onlyRefuses(() -> TpmAttest.parseQuote(input), ProblemCode.MALFORMED_REQUEST);
    }

    @Property(tries = 200)
    void verifyQuote_mutatedSignature_refusedUnlessUnchanged(@ForAll("signature") byte[] input) {
        Exception e = Fuzz.thrown(() -> QuoteVerifier.verify(TpmVectorTest.AK,
                TpmVectorTest.ek().childQualifiedName(TpmVectorTest.AK),
                new QuoteSignature(V.hex("attest"), input), V.hex("extraData")));
        if (e == null) {
            // Only an unchanged signature, or one differing in leading zeros of r or s, verifies.
            TpmSignature original = TpmSignature.parse(V.hex("signature"));
            TpmSignature parsed = TpmSignature.parse(input);
            assertThat(new java.math.BigInteger(1, parsed.first())).isEqualTo(new java.math.BigInteger(1, original.first()));
        } else {
            assertThat(e).isInstanceOfAny(ImprintException.class, GeneralSecurityException.class);
        }
    }

    @Property(tries = 200)
    void verifyQuote_mutatedAttest_refused(@ForAll("attest") byte[] input) {
        Exception e = Fuzz.thrown(() -> QuoteVerifier.verify(TpmVectorTest.AK,
                TpmVectorTest.ek().childQualifiedName(TpmVectorTest.AK),
                new QuoteSignature(input, V.hex("signature")), V.hex("extraData")));
        if (!Arrays.equals(input, V.hex("attest"))) {
            assertThat(e).isInstanceOfAny(ImprintException.class, GeneralSecurityException.class);
        }
    }

    @Property(tries = 100)
    void parsers_randomBytes_malformed(@ForAll("random") byte[] input) {
        Fuzz.onlyRefuses(() -> TpmPublic.parseTpm2b(input), ProblemCode.MALFORMED_REQUEST);
        Fuzz.onlyRefuses(() -> TpmPublic.parse(input), ProblemCode.MALFORMED_REQUEST);
        Fuzz.onlyRefuses(() -> TpmAttest.parseQuote(input), ProblemCode.MALFORMED_REQUEST);
        Fuzz.onlyRefuses(() -> TpmSignature.parse(input), ProblemCode.MALFORMED_REQUEST);
        Fuzz.onlyRefuses(() -> QuoteSignature.parse(input), ProblemCode.MALFORMED_REQUEST);
    }
}
