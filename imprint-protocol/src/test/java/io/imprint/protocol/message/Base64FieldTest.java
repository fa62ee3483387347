package io.imprint.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64FieldTest {

    @Test
    void decode_canonicalPadded_returnsBytes() {
        assertThat(Base64Field.decode("f", "AQID", 3)).containsExactly(1, 2, 3);
        assertThat(Base64Field.decode("f", "AQI=", 3)).containsExactly(1, 2);
        assertThat(Base64Field.decode("f", "AQ==", 3)).containsExactly(1);
        assertThat(Base64Field.decode("f", "", 3)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AQI", "AQ", "AQ=", "AR==", "AQJ=", "AQ I=", "AQI=\n", "AQ-_", "AQ==AQ=="})
    void decode_unpaddedOrNonCanonical_malformed(String value) {
        assertMalformed(() -> Base64Field.decode("f", value, 16));
    }

    @Test
    void decode_overLimitByAnyAmount_malformed() {
        for (int size : new int[] {33, 34, 35, 100, 1000}) {
            String value = Base64.getEncoder().encodeToString(new byte[size]);
            assertMalformed(() -> Base64Field.decode("f", value, 32));
        }
    }

    @Test
    void decodeExact_otherLengthByAnyAmount_malformed() {
        for (int size : new int[] {0, 31, 33, 34, 64, 200}) {
            String value = Base64.getEncoder().encodeToString(new byte[size]);
            assertMalformed(() -> Base64Field.decodeExact("mpmr", value, 32));
        }
        assertThat(Base64Field.decodeExact("mpmr", Base64.getEncoder().encodeToString(new byte[32]), 32))
                .hasSize(32);
    }

    @Test
    void decode_missing_malformed() {
        assertMalformed(() -> Base64Field.decode("f", null, 16));
    }

    private static void assertMalformed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }
}
