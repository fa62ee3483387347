package io.imprint.device.backend.optee;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.GeneralSecurityException;

/**
 * A TEE context and a session with one trusted application, opened with {@code TEEC_LOGIN_PUBLIC}:
 * {@code TEEC_InitializeContext} + {@code TEEC_OpenSession} on open, {@code TEEC_CloseSession} +
 * {@code TEEC_FinalizeContext} on {@link #close()}, which also frees every structure and buffer
 * (one confined arena). Use from the thread that opened it.
 */
public final class TeecSession implements AutoCloseable {
    static final int LOGIN_PUBLIC = 0;
    private final Libteec lib;
    private final Arena arena;
    private final MemorySegment context;
    private final MemorySegment session;
    private final TeecUuid uuid;
    private boolean contextOpen;
    private boolean sessionOpen;

    private TeecSession(Libteec lib, TeecUuid uuid) {
        this.lib = lib;
        this.uuid = uuid;
        this.arena = Arena.ofConfined();
        this.context = arena.allocate(TeecLayouts.CONTEXT);
        this.session = arena.allocate(TeecLayouts.SESSION);
    }

    /**
     * Opens a session with the trusted application {@code uuid}.
     *
     * @throws TeecException with the call, code and origin when the TEE refuses
     */
    public static TeecSession open(Libteec lib, TeecUuid uuid) throws GeneralSecurityException {
        TeecSession s = new TeecSession(lib, uuid);
        try {
            s.start();
            return s;
        } catch (GeneralSecurityException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void start() throws GeneralSecurityException {
        int rc = call(() -> (int) lib.initializeContext.invokeExact(MemorySegment.NULL, context));
        if (rc != TeecCodes.SUCCESS) {
            throw new TeecException("TEEC_InitializeContext", rc, TeecException.NO_ORIGIN, rc == TeecCodes.ERROR_ITEM_NOT_FOUND
                    ? "no TEE device could be opened: is OP-TEE running with its Linux driver (/dev/tee0), and may this user"
                    + " open it (root, or a member of the group owning /dev/tee0, usually teeclnt)?" : "");
        }
        contextOpen = true;
        MemorySegment target = arena.allocate(TeecLayouts.UUID);
        target.set(JAVA_INT, 0, uuid.timeLow());
        target.set(JAVA_SHORT, 4, uuid.timeMid());
        target.set(JAVA_SHORT, 6, uuid.timeHiAndVersion());
        MemorySegment.copy(uuid.clockSeqAndNode(), 0, target, JAVA_BYTE, 8, 8);
        MemorySegment origin = arena.allocate(JAVA_INT);
        int open = call(() -> (int) lib.openSession.invokeExact(context, session, target, LOGIN_PUBLIC, MemorySegment.NULL,
                MemorySegment.NULL, origin));
        if (open != TeecCodes.SUCCESS) {
            int from = origin.get(JAVA_INT, 0);
            throw new TeecException("TEEC_OpenSession(" + uuid + ")", open, from, openHint(open, from));
        }
        sessionOpen = true;
    }

    private String openHint(int rc, int origin) {
        if (rc == TeecCodes.ERROR_ITEM_NOT_FOUND && origin == TeecCodes.ORIGIN_TEE) {
            return "OP-TEE has no trusted application " + uuid + " (for a PTA: is it built into this OP-TEE?)";
        }
        if (rc == TeecCodes.ERROR_COMMUNICATION) {
            return "the link to OP-TEE failed (is tee-supplicant running?)";
        }
        if (rc == TeecCodes.ERROR_ACCESS_DENIED && uuid.equals(TeecUuid.MP_PTA)) {
            return "OP-TEE's MP PTA only serves trusted applications unless OP-TEE is built with"
                    + " CFG_NXP_CAAM_MP_NO_ACCESS_CTRL=y (optee_os 3.23 or later; see docs/devices.md)";
        }
        return "";
    }

    /** A new operation whose memory lives as long as this session. */
    public TeecOperation operation() {
        return new TeecOperation(arena);
    }

    /**
     * {@code TEEC_InvokeCommand(session, command, operation)}.
     *
     * @throws TeecException naming the command, code and origin unless TEEC_SUCCESS
     */
    public void invoke(int command, TeecOperation operation, String what) throws GeneralSecurityException {
        if (!sessionOpen) {
            throw new IllegalStateException("session closed");
        }
        MemorySegment origin = arena.allocate(JAVA_INT);
        MemorySegment op = operation.segment();
        int rc = call(() -> (int) lib.invokeCommand.invokeExact(session, command, op, origin));
        if (rc != TeecCodes.SUCCESS) {
            int from = origin.get(JAVA_INT, 0);
            throw new TeecException("TEEC_InvokeCommand(" + what + ", command " + command + ")", rc, from,
                    rc == TeecCodes.ERROR_COMMUNICATION ? "the link to OP-TEE failed (is tee-supplicant running?)" : "");
        }
    }

    public TeecUuid uuid() {
        return uuid;
    }

    @Override
    public void close() {
        try {
            if (sessionOpen) {
                sessionOpen = false;
                call(() -> {
                    lib.closeSession.invokeExact(session);
                    return 0;
                });
            }
            if (contextOpen) {
                contextOpen = false;
                call(() -> {
                    lib.finalizeContext.invokeExact(context);
                    return 0;
                });
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            arena.close();
        }
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws Throwable;
    }

    private static int call(NativeCall c) throws GeneralSecurityException {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new GeneralSecurityException("native call failed", t);
        }
    }
}
