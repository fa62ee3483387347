package io.imprint.server.attest.mp;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.mp.MpCurve;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.products.Product;

/**
 * The {@code signature} field of attestations and receipts: a raw {@code r || s} of fixed size (64
 * bytes on P-256). Any other length is a malformed request, never {@code bad-signature}: only a
 * signature of the right shape that does not verify is evidence of a counterfeit.
 */
final class SignatureField {
    /** Bound checked before decoding: the longest r||s of any curve an MP key may one day use (P-521). */
    private static final int MAX_BYTES = 132;

    private SignatureField() {
    }

    /** Decodes the field; refuses a length that no supported curve signs with. */
    static byte[] decode(String value) {
        byte[] rs = Base64Field.decode("signature", value, MAX_BYTES);
        if (!MpCurve.isSignatureLength(rs.length)) {
            throw malformed(rs.length, MpCurve.P256.signatureBytes());
        }
        return rs;
    }

    /** Refuses a signature whose length is not that of the product's MP curve. */
    static void requireFor(Product product, byte[] rs) {
        int expected = product.mpKey().curve().signatureBytes();
        if (rs.length != expected) {
            throw malformed(rs.length, expected);
        }
    }

    private static ImprintException malformed(int length, int expected) {
        return new ImprintException(ProblemCode.MALFORMED_REQUEST,
                "signature must be " + expected + " bytes raw r||s, got " + length);
    }
}
