package io.imprint.device.backend.optee;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;

/**
 * The GlobalPlatform TEE Client API structures as optee_client's
 * {@code libteec/include/tee_client_api.h} declares them, for the platform this JVM runs on
 * ({@code size_t} and pointers are 4 bytes on 32-bit ARM i.MX6/7, 8 bytes on i.MX8M).
 */
final class TeecLayouts {
    /** {@code size_t} of this platform's C ABI. */
    static final ValueLayout SIZE_T = (ValueLayout) Linker.nativeLinker().canonicalLayouts().get("size_t");

    /** {@code TEEC_Context}: {@code struct { int fd; bool reg_mem; bool memref_null; } imp}. */
    static final GroupLayout CONTEXT = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_BOOLEAN.withName("reg_mem"), JAVA_BOOLEAN.withName("memref_null"),
            MemoryLayout.paddingLayout(2));

    /** {@code TEEC_UUID}. */
    static final GroupLayout UUID = MemoryLayout.structLayout(
            JAVA_INT.withName("timeLow"), JAVA_SHORT.withName("timeMid"), JAVA_SHORT.withName("timeHiAndVersion"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("clockSeqAndNode"));

    /** {@code TEEC_Session}: {@code struct { TEEC_Context *ctx; uint32_t session_id; } imp}. */
    static final GroupLayout SESSION = padded(ADDRESS.withName("ctx"), JAVA_INT.withName("session_id"));

    static final GroupLayout TEMP_MEMREF = MemoryLayout.structLayout(ADDRESS.withName("buffer"), SIZE_T.withName("size"));
    static final GroupLayout REGISTERED_MEMREF = MemoryLayout.structLayout(
            ADDRESS.withName("parent"), SIZE_T.withName("size"), SIZE_T.withName("offset"));
    static final GroupLayout VALUE = MemoryLayout.structLayout(JAVA_INT.withName("a"), JAVA_INT.withName("b"));

    /** {@code TEEC_Parameter}: the union of the three. */
    static final UnionLayout PARAMETER = MemoryLayout.unionLayout(
            TEMP_MEMREF.withName("tmpref"), REGISTERED_MEMREF.withName("memref"), VALUE.withName("value"));

    /** {@code TEEC_CONFIG_PAYLOAD_REF_COUNT}. */
    static final int PARAMS = 4;

    /** {@code TEEC_Operation}: started, paramTypes, params[4], {@code struct { TEEC_Session *session; } imp}. */
    static final GroupLayout OPERATION = padded(JAVA_INT.withName("started"), JAVA_INT.withName("paramTypes"),
            MemoryLayout.sequenceLayout(PARAMS, PARAMETER).withName("params"), ADDRESS.withName("session"));

    static final long OP_PARAM_TYPES = OPERATION.byteOffset(groupElement("paramTypes"));
    static final long TMPREF_SIZE = TEMP_MEMREF.byteOffset(groupElement("size"));
    static final long VALUE_B = VALUE.byteOffset(groupElement("b"));

    private TeecLayouts() {
    }

    /** Offset of {@code params[i]} inside a {@code TEEC_Operation}. */
    static long paramOffset(int i) {
        return OPERATION.byteOffset(groupElement("params"), sequenceElement(i));
    }

    /** A C struct of these members in order, with the padding the C compiler inserts between and after them. */
    private static GroupLayout padded(MemoryLayout... members) {
        java.util.List<MemoryLayout> out = new java.util.ArrayList<>();
        long offset = 0;
        long align = 1;
        for (MemoryLayout m : members) {
            long gap = (m.byteAlignment() - offset % m.byteAlignment()) % m.byteAlignment();
            if (gap > 0) {
                out.add(MemoryLayout.paddingLayout(gap));
            }
            out.add(m);
            offset += gap + m.byteSize();
            align = Math.max(align, m.byteAlignment());
        }
        long tail = (align - offset % align) % align;
        if (tail > 0) {
            out.add(MemoryLayout.paddingLayout(tail));
        }
        return MemoryLayout.structLayout(out.toArray(MemoryLayout[]::new));
    }
}
