package io.imprint.device.backend.optee;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names of TEEC results and origins, as tee_client_api.h defines them. */
class TeecCodesTest {
    @Test
    void result_knownAndUnknownCodes_nameAndHex() {
        assertThat(TeecCodes.result(0xFFFF3024)).isEqualTo("TEEC_ERROR_TARGET_DEAD (0xFFFF3024)");
        assertThat(TeecCodes.result(0xF0100003)).isEqualTo("TEEC_ERROR_STORAGE_NOT_AVAILABLE (0xF0100003)");
        assertThat(TeecCodes.result(0xFFFF000C)).isEqualTo("TEEC_ERROR_OUT_OF_MEMORY (0xFFFF000C)");
        assertThat(TeecCodes.result(0x12345678)).isEqualTo("unknown TEEC result (0x12345678)");
    }

    @Test
    void origin_everyOrigin_namedWithWhereItCameFrom() {
        assertThat(TeecCodes.origin(1)).startsWith("TEEC_ORIGIN_API (1)");
        assertThat(TeecCodes.origin(2)).startsWith("TEEC_ORIGIN_COMMS (2)");
        assertThat(TeecCodes.origin(3)).startsWith("TEEC_ORIGIN_TEE (3)");
        assertThat(TeecCodes.origin(4)).startsWith("TEEC_ORIGIN_TRUSTED_APP (4)");
        assertThat(TeecCodes.origin(7)).isEqualTo("unknown origin (0x00000007)");
    }

    @Test
    void exception_withoutOrigin_namesCallAndCodeOnly() {
        TeecException e = new TeecException("TEEC_InitializeContext", 0xFFFF000D, TeecException.NO_ORIGIN, "");

        assertThat(e).hasMessage("TEEC_InitializeContext failed: TEEC_ERROR_BUSY (0xFFFF000D)");
    }
}
