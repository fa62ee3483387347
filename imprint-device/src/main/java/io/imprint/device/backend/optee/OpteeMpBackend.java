package io.imprint.device.backend.optee;

import io.imprint.device.backend.MpBackend;
import io.imprint.device.backend.MpSignature;
import io.imprint.protocol.mp.MpCurve;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;
import java.security.SignatureException;

/**
 * The chip's MP key through OP-TEE's i.MX manufacturing-protection PTA
 * (optee_os {@code core/pta/imx/manufacturing_protection.c}, parameters as in
 * {@code lib/libutee/include/pta_imx_manufacturing_protection.h}), called through {@code libteec}:
 * <ul>
 *   <li>command 1 (public key): memref[0] output = X||Y;</li>
 *   <li>command 0 (sign): memref[0] input = message (at most 4096 bytes), memref[1] output = r||s,
 *       memref[2] output = the 32-byte MPMR OP-TEE filled and locked at boot.</li>
 * </ul>
 * Every signature carries the MPMR the PTA returned with it, so the evidence names the MPMR the
 * server must verify with (OP-TEE's fill on a board where OP-TEE ran, never assumed zeros). The
 * curve comes from the public key's length; buffers are sized for it and every returned size is
 * checked before a byte is copied. A context and session are opened per call and closed after it.
 */
public final class OpteeMpBackend implements MpBackend {
    /** PTA_IMX_MP_CMD_SIGNATURE_MPMR. */
    static final int CMD_SIGN = 0;
    /** PTA_IMX_MP_CMD_GET_PUBLIC_KEY. */
    static final int CMD_PUBLIC_KEY = 1;
    /** MP_SIGN_MAX_MSG_SIZE of optee_os {@code core/drivers/crypto/caam/mp/caam_mp.c}. */
    public static final int MAX_MESSAGE_BYTES = 4096;

    private final Libteec lib;
    private volatile MpPublicKey publicKey;

    public OpteeMpBackend(Libteec lib) {
        this.lib = lib;
    }

    /** PTA command 1; read once, then remembered (the MP key of a chip never changes). */
    @Override
    public MpPublicKey publicKey() throws GeneralSecurityException {
        MpPublicKey known = publicKey;
        if (known != null) {
            return known;
        }
        int size = 2 * MpCurve.P256.coordinateBytes();
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefOutput(0, size);
            try {
                s.invoke(CMD_PUBLIC_KEY, op, "MP get public key");
            } catch (TeecException e) {
                throw e.result() == TeecCodes.ERROR_SHORT_BUFFER ? unsupportedCurve(op.reportedSize(0), e) : e;
            }
            known = MpPublicKey.fromRaw(op.output(0, size, "MP public key"));
        }
        publicKey = known;
        return known;
    }

    /**
     * PTA command 0: r||s over SHA-256(MPMR || message) and the MPMR it used.
     *
     * @throws SignatureException for a message over {@value #MAX_MESSAGE_BYTES} bytes (before any TEE call)
     * @throws TeecException when the TEE refuses, with the code and origin
     */
    @Override
    public MpSignature sign(byte[] message) throws GeneralSecurityException {
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new SignatureException("MP message of " + message.length + " bytes; OP-TEE's MP PTA signs at most "
                    + MAX_MESSAGE_BYTES);
        }
        MpCurve curve = publicKey().curve();
        try (TeecSession s = TeecSession.open(lib, TeecUuid.MP_PTA)) {
            TeecOperation op = s.operation().memrefInput(0, message).memrefOutput(1, curve.signatureBytes())
                    .memrefOutput(2, Mpmr.BYTES);
            try {
                s.invoke(CMD_SIGN, op, "MP sign");
            } catch (TeecException e) {
                if (e.result() == TeecCodes.ERROR_SHORT_BUFFER) {
                    throw new TeecException(e.call(), e.result(), e.origin(), "the PTA needs " + op.reportedSize(1)
                            + " signature bytes and " + op.reportedSize(2) + " MPMR bytes; the enrolled key is " + curve
                            + " (" + curve.signatureBytes() + "-byte r||s, " + Mpmr.BYTES + "-byte MPMR)");
                }
                throw e;
            }
            byte[] rs = op.output(1, curve.signatureBytes(), "MP signature r||s");
            Mpmr mpmr = Mpmr.of(op.output(2, Mpmr.BYTES, "MPMR"));
            return new MpSignature(mpmr, rs);
        }
    }

    private static GeneralSecurityException unsupportedCurve(long needed, TeecException cause) {
        String curve = needed == 132 ? "P-521 (OP-TEE picks it on some open parts)" : needed == 96 ? "P-384" : "an unknown curve";
        return new GeneralSecurityException("the chip's MP public key is " + needed + " bytes, " + curve
                + "; Imprint supports P-256 (64 bytes X||Y) so far. " + cause.getMessage(), cause);
    }

    @Override
    public String description() {
        return "i.MX MP key via OP-TEE PTA " + TeecUuid.MP_PTA + " through " + lib.location()
                + lib.emulation().map(e -> " (" + e + ")").orElse("");
    }

    @Override
    public String toString() {
        return "OpteeMpBackend[" + lib + "]";
    }
}
