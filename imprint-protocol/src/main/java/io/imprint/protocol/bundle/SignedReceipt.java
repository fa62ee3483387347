package io.imprint.protocol.bundle;

import io.imprint.protocol.codec.CanonicalReader;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;

/**
 * An offline receipt with its MP signature: the plaintext of a {@link SealedReceiptLine}. It must
 * never be written in the clear: with the MPMR and r||s anyone can recover the MP public key (ECDSA
 * public-key recovery), which is the bundle KDF secret.
 *
 * <pre>"IMPRINT/RECEIPT-SEALED-CONTENT/v1" 00 | u16 len | receipt bytes | u16 32 | MPMR | u16 64 | r||s</pre>
 *
 * @param receiptBytes {@link BundleReceiptCodec} bytes, the message the MP key signed
 * @param mpmr the MPMR the chip signed over
 * @param signature raw r||s over SHA-256(MPMR || receiptBytes)
 */
public record SignedReceipt(byte[] receiptBytes, Mpmr mpmr, byte[] signature) {
    public static final String CONTEXT = "IMPRINT/RECEIPT-SEALED-CONTENT/v1";
    public static final int SIGNATURE_BYTES = 64;

    public SignedReceipt {
        receiptBytes = receiptBytes.clone();
        signature = signature.clone();
        if (signature.length != SIGNATURE_BYTES) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "receipt signature must be 64 bytes r||s");
        }
    }

    @Override public byte[] receiptBytes() { return receiptBytes.clone(); }
    @Override public byte[] signature() { return signature.clone(); }

    /** The decoded receipt; failures are {@link ProblemCode#BAD_RECEIPT}. */
    public BundleReceipt receipt() {
        return BundleReceiptCodec.decode(receiptBytes);
    }

    public byte[] encode() {
        return CanonicalWriter.start(CONTEXT).bytes(receiptBytes).bytes(mpmr.bytes()).bytes(signature).toByteArray();
    }

    /** Strict parse; failures are {@link ProblemCode#BAD_RECEIPT}. */
    public static SignedReceipt decode(byte[] data) {
        try {
            CanonicalReader r = CanonicalReader.open(data, CONTEXT);
            byte[] receipt = r.bytes("receipt", 1, BundleReceiptCodec.MAX_BYTES);
            byte[] mpmr = r.bytes("mpmr", Mpmr.BYTES, Mpmr.BYTES);
            byte[] rs = r.bytes("signature", SIGNATURE_BYTES, SIGNATURE_BYTES);
            r.end();
            return new SignedReceipt(receipt, Mpmr.of(mpmr), rs);
        } catch (ImprintException e) {
            throw new ImprintException(ProblemCode.BAD_RECEIPT, "malformed sealed receipt content: " + e.detail());
        }
    }

    @Override
    public String toString() {
        return "SignedReceipt[" + receiptBytes.length + " bytes, signed]";
    }
}
