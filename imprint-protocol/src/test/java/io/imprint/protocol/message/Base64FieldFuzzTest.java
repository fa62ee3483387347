package io.imprint.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.problem.ProblemCode;
import io.imprint.protocol.testing.Fuzz;
import io.imprint.protocol.testing.Mutations;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Base64FieldFuzzTest {
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Mutations.ofText(List.of("AAAAAAAAAAAAAAAAAAAAAA==",
                "dP+4rdOIndkBkkui5QFrP4t20vyM2MOVZEsSBMTXyrer9js744imLPKiaMnP4ck2Uz0vqQi3JkZXZD3g2yFctw==")),
                Mutations.randomText(200));
    }

    @Property(tries = 300)
    void decodeExact_mutatedOrRandom_malformedTooLargeOrExactLength(@ForAll("text") String value) {
        Fuzz.onlyRefuses(() -> assertThat(Base64Field.decodeExact("f", value, 16)).hasSize(16),
                ProblemCode.MALFORMED_REQUEST, ProblemCode.REQUEST_TOO_LARGE);
    }
}
