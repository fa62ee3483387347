package io.imprint.device.backend.optee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.crypto.Providers;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic TEEC binding's error paths and size checks, against the libteec test double. */
class TeecSessionTest {
    @TempDir Path tmp;
    private Libteec lib;

    @BeforeEach
    void load() throws Exception {
        lib = TeecDoubles.load(tmp.resolve("chip"), TeecDoubles.chip(Providers.randomBytes(32), new byte[32]));
    }

    @AfterEach
    void unload() {
        lib.close();
    }

    @Test
    void open_unknownUuid_itemNotFoundFromTheTee() {
        TeecUuid other = TeecUuid.parse("8aaaf200-2450-11e4-abe2-0002a5d5c51b");

        assertThatThrownBy(() -> TeecSession.open(lib, other))
                .isInstanceOfSatisfying(TeecException.class, e -> {
                    assertThat(e.result()).isEqualTo(TeecCodes.ERROR_ITEM_NOT_FOUND);
                    assertThat(e.origin()).isEqualTo(TeecCodes.ORIGIN_TEE);
                })
                .hasMessageContaining("TEEC_ERROR_ITEM_NOT_FOUND (0xFFFF0008) from TEEC_ORIGIN_TEE (3)")
                .hasMessageContaining("no trusted application 8aaaf200-2450-11e4-abe2-0002a5d5c51b");
    }

    @Test
    void invoke_wrongParameterTypes_badParametersFromTheTrustedApp() throws Exception {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefInput(0, new byte[] {1}).memrefOutput(1, 64); // MPMR buffer missing

            assertThatThrownBy(() -> s.invoke(OpteeMpBackend.CMD_SIGN, op, "MP sign"))
                    .isInstanceOfSatisfying(TeecException.class, e -> assertThat(e.origin()).isEqualTo(TeecCodes.ORIGIN_TRUSTED_APP))
                    .hasMessageContaining("TEEC_ERROR_BAD_PARAMETERS (0xFFFF0006)");
        }
    }

    @Test
    void invoke_shortSignatureBuffer_reportsTheNeededSize() throws Exception {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefInput(0, new byte[] {1}).memrefOutput(1, 10).memrefOutput(2, 32);

            assertThatThrownBy(() -> s.invoke(OpteeMpBackend.CMD_SIGN, op, "MP sign"))
                    .isInstanceOfSatisfying(TeecException.class,
                            e -> assertThat(e.result()).isEqualTo(TeecCodes.ERROR_SHORT_BUFFER));
            assertThat(op.reportedSize(1)).isEqualTo(64);
        }
    }

    @Test
    void invoke_messageOverThePtaLimit_excessData() throws Exception {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefInput(0, new byte[4097]).memrefOutput(1, 64).memrefOutput(2, 32);

            assertThatThrownBy(() -> s.invoke(OpteeMpBackend.CMD_SIGN, op, "MP sign"))
                    .hasMessageContaining("TEEC_ERROR_EXCESS_DATA (0xFFFF0004)");
        }
    }

    @Test
    void output_sizeOtherThanExpected_refusedWithoutCopying() throws Exception {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefInput(0, new byte[] {1}).memrefOutput(1, 64).memrefOutput(2, 40);
            s.invoke(OpteeMpBackend.CMD_SIGN, op, "MP sign");

            assertThat(op.reportedSize(2)).isEqualTo(32);
            assertThatThrownBy(() -> op.output(2, 40, "MPMR")).hasMessage("MPMR: the TEE returned 32 bytes, expected 40");
        }
    }

    @Test
    void operation_bufferOverTheLimit_refused() throws Exception {
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            assertThatThrownBy(() -> s.operation().memrefOutput(0, TeecOperation.MAX_BUFFER_BYTES + 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void layouts_matchTheLp64Abi() {
        // sizeof/offsetof from tee_client_api.h on LP64 (x86-64, aarch64): the machines this test runs on
        assertThat(TeecLayouts.CONTEXT.byteSize()).isEqualTo(8);
        assertThat(TeecLayouts.UUID.byteSize()).isEqualTo(16);
        assertThat(TeecLayouts.SESSION.byteSize()).isEqualTo(16);
        assertThat(TeecLayouts.PARAMETER.byteSize()).isEqualTo(24);
        assertThat(TeecLayouts.OPERATION.byteSize()).isEqualTo(112);
        assertThat(TeecLayouts.paramOffset(0)).isEqualTo(8);
        assertThat(TeecLayouts.paramOffset(3)).isEqualTo(80);
    }

    @Test
    void uuid_textRoundTripsAndRejectsGarbage() {
        assertThat(TeecUuid.MP_PTA.toString()).isEqualTo("83268b7c-85e3-11e8-adc0-fa7ae01bbebc");
        assertThat(TeecUuid.MP_PTA.timeLow()).isEqualTo(0x83268b7c);
        assertThatThrownBy(() -> TeecUuid.parse("83268b7c-85e3")).isInstanceOf(IllegalArgumentException.class);
    }
}
