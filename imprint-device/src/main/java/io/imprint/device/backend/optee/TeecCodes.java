package io.imprint.device.backend.optee;

import java.util.Map;

/**
 * Names of the TEEC return codes and error origins ({@code tee_client_api.h} of optee_client), so
 * every failure is reported as origin + code with both the hex value and the name.
 */
public final class TeecCodes {
    public static final int SUCCESS = 0;
    public static final int ERROR_GENERIC = 0xFFFF0000;
    public static final int ERROR_ACCESS_DENIED = 0xFFFF0001;
    public static final int ERROR_EXCESS_DATA = 0xFFFF0004;
    public static final int ERROR_BAD_FORMAT = 0xFFFF0005;
    public static final int ERROR_BAD_PARAMETERS = 0xFFFF0006;
    public static final int ERROR_ITEM_NOT_FOUND = 0xFFFF0008;
    public static final int ERROR_COMMUNICATION = 0xFFFF000E;
    public static final int ERROR_SHORT_BUFFER = 0xFFFF0010;

    public static final int ORIGIN_API = 1;
    public static final int ORIGIN_COMMS = 2;
    public static final int ORIGIN_TEE = 3;
    public static final int ORIGIN_TRUSTED_APP = 4;

    private static final Map<Integer, String> RESULTS = Map.ofEntries(
            Map.entry(SUCCESS, "TEEC_SUCCESS"),
            Map.entry(0xF0100003, "TEEC_ERROR_STORAGE_NOT_AVAILABLE"),
            Map.entry(ERROR_GENERIC, "TEEC_ERROR_GENERIC"),
            Map.entry(ERROR_ACCESS_DENIED, "TEEC_ERROR_ACCESS_DENIED"),
            Map.entry(0xFFFF0002, "TEEC_ERROR_CANCEL"),
            Map.entry(0xFFFF0003, "TEEC_ERROR_ACCESS_CONFLICT"),
            Map.entry(ERROR_EXCESS_DATA, "TEEC_ERROR_EXCESS_DATA"),
            Map.entry(ERROR_BAD_FORMAT, "TEEC_ERROR_BAD_FORMAT"),
            Map.entry(ERROR_BAD_PARAMETERS, "TEEC_ERROR_BAD_PARAMETERS"),
            Map.entry(0xFFFF0007, "TEEC_ERROR_BAD_STATE"),
            Map.entry(ERROR_ITEM_NOT_FOUND, "TEEC_ERROR_ITEM_NOT_FOUND"),
            Map.entry(0xFFFF0009, "TEEC_ERROR_NOT_IMPLEMENTED"),
            Map.entry(0xFFFF000A, "TEEC_ERROR_NOT_SUPPORTED"),
            Map.entry(0xFFFF000B, "TEEC_ERROR_NO_DATA"),
            Map.entry(0xFFFF000C, "TEEC_ERROR_OUT_OF_MEMORY"),
            Map.entry(0xFFFF000D, "TEEC_ERROR_BUSY"),
            Map.entry(ERROR_COMMUNICATION, "TEEC_ERROR_COMMUNICATION"),
            Map.entry(0xFFFF000F, "TEEC_ERROR_SECURITY"),
            Map.entry(ERROR_SHORT_BUFFER, "TEEC_ERROR_SHORT_BUFFER"),
            Map.entry(0xFFFF0011, "TEE_ERROR_EXTERNAL_CANCEL"),
            Map.entry(0xFFFF300F, "TEE_ERROR_OVERFLOW"),
            Map.entry(0xFFFF3024, "TEEC_ERROR_TARGET_DEAD"),
            Map.entry(0xFFFF3041, "TEEC_ERROR_STORAGE_NO_SPACE"),
            Map.entry(0xFFFF3071, "TEE_ERROR_MAC_INVALID"),
            Map.entry(0xFFFF3072, "TEE_ERROR_SIGNATURE_INVALID"),
            Map.entry(0xFFFF5000, "TEE_ERROR_TIME_NOT_SET"),
            Map.entry(0xFFFF5001, "TEE_ERROR_TIME_NEEDS_RESET"));

    private TeecCodes() {
    }

    /** E.g. {@code TEEC_ERROR_SHORT_BUFFER (0xFFFF0010)}; unknown codes are named as such. */
    public static String result(int code) {
        return RESULTS.getOrDefault(code, "unknown TEEC result") + " (" + hex(code) + ")";
    }

    /** E.g. {@code TEEC_ORIGIN_TRUSTED_APP (4): the trusted application}. */
    public static String origin(int origin) {
        String where = switch (origin) {
            case ORIGIN_API -> "TEEC_ORIGIN_API (1): the client library libteec";
            case ORIGIN_COMMS -> "TEEC_ORIGIN_COMMS (2): the communication stack (kernel driver, tee-supplicant)";
            case ORIGIN_TEE -> "TEEC_ORIGIN_TEE (3): the OP-TEE core";
            case ORIGIN_TRUSTED_APP -> "TEEC_ORIGIN_TRUSTED_APP (4): the trusted application";
            default -> "unknown origin (" + hex(origin) + ")";
        };
        return where;
    }

    static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
