package io.imprint.device.backend.optee;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.GeneralSecurityException;

/**
 * One {@code TEEC_Operation} with its parameters, allocated in the session's arena (freed when the
 * session closes). Temporary memory references carry copies of Java arrays; output sizes the TEE
 * reports are checked against the buffer before anything is copied back.
 */
public final class TeecOperation {
    /** Parameter types, {@code tee_client_api.h}. */
    static final int NONE = 0x0;
    static final int VALUE_INPUT = 0x1;
    static final int VALUE_OUTPUT = 0x2;
    static final int MEMREF_TEMP_INPUT = 0x5;
    static final int MEMREF_TEMP_OUTPUT = 0x6;
    /** Largest temporary buffer this binding passes (OP-TEE's MP PTA signs at most 4096 bytes). */
    public static final int MAX_BUFFER_BYTES = 64 * 1024;

    private final Arena arena;
    private final MemorySegment op;
    private final int[] types = new int[TeecLayouts.PARAMS];
    private final MemorySegment[] buffers = new MemorySegment[TeecLayouts.PARAMS];

    TeecOperation(Arena arena) {
        this.arena = arena;
        this.op = arena.allocate(TeecLayouts.OPERATION); // zeroed: started = 0, all parameters NONE
    }

    /** memref[i] input: a copy of {@code data}. */
    public TeecOperation memrefInput(int i, byte[] data) {
        checkSize(data.length);
        MemorySegment buf = arena.allocate(Math.max(1, data.length));
        MemorySegment.copy(data, 0, buf, JAVA_BYTE, 0, data.length);
        return tmpref(i, MEMREF_TEMP_INPUT, buf, data.length);
    }

    /** memref[i] output of {@code capacity} bytes. */
    public TeecOperation memrefOutput(int i, int capacity) {
        checkSize(capacity);
        return tmpref(i, MEMREF_TEMP_OUTPUT, arena.allocate(Math.max(1, capacity)), capacity);
    }

    /** value[i] input (a, b). */
    public TeecOperation valueInput(int i, int a, int b) {
        setType(i, VALUE_INPUT);
        long at = TeecLayouts.paramOffset(i);
        op.set(JAVA_INT, at, a);
        op.set(JAVA_INT, at + TeecLayouts.VALUE_B, b);
        return this;
    }

    /** value[i] output. */
    public TeecOperation valueOutput(int i) {
        setType(i, VALUE_OUTPUT);
        return this;
    }

    /** The size the TEE wrote into memref[i] (the needed size after TEEC_ERROR_SHORT_BUFFER). */
    public long reportedSize(int i) {
        requireType(i, MEMREF_TEMP_INPUT, MEMREF_TEMP_OUTPUT);
        return sizeAt(TeecLayouts.paramOffset(i) + TeecLayouts.TMPREF_SIZE);
    }

    /**
     * The bytes the TEE returned in memref[i], exactly {@code expected} of them.
     *
     * @throws GeneralSecurityException if the TEE reports another size (nothing is copied then)
     */
    public byte[] output(int i, int expected, String what) throws GeneralSecurityException {
        requireType(i, MEMREF_TEMP_OUTPUT);
        long size = reportedSize(i);
        if (size != expected || size > buffers[i].byteSize()) {
            throw new GeneralSecurityException(what + ": the TEE returned " + size + " bytes, expected " + expected);
        }
        return buffers[i].asSlice(0, size).toArray(JAVA_BYTE);
    }

    /** value[i].a after the call. */
    public int valueA(int i) {
        requireType(i, VALUE_OUTPUT);
        return op.get(JAVA_INT, TeecLayouts.paramOffset(i));
    }

    MemorySegment segment() {
        op.set(JAVA_INT, TeecLayouts.OP_PARAM_TYPES, paramTypes());
        return op;
    }

    /** {@code TEEC_PARAM_TYPES(p0, p1, p2, p3)}: four bits per parameter. */
    int paramTypes() {
        return types[0] | types[1] << 4 | types[2] << 8 | types[3] << 12;
    }

    private TeecOperation tmpref(int i, int type, MemorySegment buf, long size) {
        setType(i, type);
        buffers[i] = buf;
        long at = TeecLayouts.paramOffset(i);
        op.set(ADDRESS, at, buf);
        setSize(at + TeecLayouts.TMPREF_SIZE, size);
        return this;
    }

    private void setType(int i, int type) {
        if (i < 0 || i >= TeecLayouts.PARAMS) {
            throw new IllegalArgumentException("parameter index must be 0-3, got " + i);
        }
        if (types[i] != NONE) {
            throw new IllegalStateException("parameter " + i + " already set");
        }
        types[i] = type;
    }

    private void requireType(int i, int... allowed) {
        for (int t : allowed) {
            if (types[i] == t) {
                return;
            }
        }
        throw new IllegalStateException("parameter " + i + " is not of the requested kind");
    }

    private long sizeAt(long offset) {
        return TeecLayouts.SIZE_T.byteSize() == 8 ? op.get(java.lang.foreign.ValueLayout.JAVA_LONG, offset)
                : Integer.toUnsignedLong(op.get(JAVA_INT, offset));
    }

    private void setSize(long offset, long size) {
        if (TeecLayouts.SIZE_T.byteSize() == 8) {
            op.set(java.lang.foreign.ValueLayout.JAVA_LONG, offset, size);
        } else {
            op.set(JAVA_INT, offset, (int) size);
        }
    }

    private static void checkSize(int n) {
        if (n < 0 || n > MAX_BUFFER_BYTES) {
            throw new IllegalArgumentException("TEE buffer must be 0-" + MAX_BUFFER_BYTES + " bytes, got " + n);
        }
    }
}
