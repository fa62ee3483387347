package io.imprint.device.backend.optee;

import java.security.GeneralSecurityException;

/**
 * A TEEC call that did not return TEEC_SUCCESS: which call, the result code and where it came
 * from, each with hex value and name, and a hint for the known causes.
 */
public final class TeecException extends GeneralSecurityException {
    /** Origin reported for a call that returns no origin ({@code TEEC_InitializeContext}). */
    public static final int NO_ORIGIN = 0;
    private final String call;
    private final int result;
    private final int origin;

    public TeecException(String call, int result, int origin, String hint) {
        super(call + " failed: " + TeecCodes.result(result)
                + (origin == NO_ORIGIN ? "" : " from " + TeecCodes.origin(origin))
                + (hint == null || hint.isEmpty() ? "" : "; " + hint));
        this.call = call;
        this.result = result;
        this.origin = origin;
    }

    /** The TEEC function that failed, with the command for TEEC_InvokeCommand. */
    public String call() {
        return call;
    }

    /** The TEEC_Result code. */
    public int result() {
        return result;
    }

    /** The TEEC_ErrorOrigin, or {@link #NO_ORIGIN}. */
    public int origin() {
        return origin;
    }
}
