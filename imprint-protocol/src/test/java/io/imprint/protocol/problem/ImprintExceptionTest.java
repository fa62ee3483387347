package io.imprint.protocol.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImprintExceptionTest {

    @Test
    void received_withCorrelationId_messageNamesIt() {
        ImprintException e = ImprintException.received(ProblemCode.NONCE_USED, "already used", "0a1b2c3d4e5f6789");

        assertThat(e.correlationId()).isEqualTo("0a1b2c3d4e5f6789");
        assertThat(e.detail()).isEqualTo("already used");
        assertThat(e.getMessage()).isEqualTo("already used (correlation id 0a1b2c3d4e5f6789)");
    }

    @Test
    void received_withoutCorrelationId_plainDetail() {
        ImprintException e = ImprintException.received(ProblemCode.NONCE_USED, "already used", null);

        assertThat(e.correlationId()).isNull();
        assertThat(e.getMessage()).isEqualTo("already used");
    }

    @Test
    void received_unprintableId_sanitized() {
        ImprintException e = ImprintException.received(ProblemCode.INTERNAL, "x", "ab\ncd\u001b[2J");

        assertThat(e.correlationId()).isEqualTo("ab?cd?[2J");
    }
}
