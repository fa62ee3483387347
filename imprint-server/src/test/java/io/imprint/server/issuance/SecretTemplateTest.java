package io.imprint.server.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import org.junit.jupiter.api.Test;

class SecretTemplateTest {
    @Test
    void parse_validSpecs_roundTripsInOrder() {
        SecretTemplate t = SecretTemplate.parse("disk-encryption-key:random:32,cloud-api-token:random:16");

        assertThat(t.format()).isEqualTo("disk-encryption-key:random:32,cloud-api-token:random:16");
    }

    @Test
    void parse_lengthTooLargeForAnInt_saysTheRangeNotMustBeANumber() {
        assertThatThrownBy(() -> SecretTemplate.parse("disk-key:random:99999999999"))
                .isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST);
                    assertThat(e.detail()).isEqualTo("secret disk-key length must be 16..64 bytes, got 99999999999");
                });
    }

    @Test
    void parse_lengthNotANumber_namesTheValue() {
        assertThatThrownBy(() -> SecretTemplate.parse("disk-key:random:3x"))
                .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.detail())
                        .isEqualTo("secret disk-key length must be a whole number of bytes, got '3x'"));
    }
}
