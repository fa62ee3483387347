package io.imprint.server.attest.mp;

import io.imprint.protocol.message.Base64Field;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.attest.method.AttestationInput;
import io.imprint.server.attest.method.AttestationVerifier;
import io.imprint.server.attest.method.ReceiptInput;
import io.imprint.server.attest.method.VerifiedDevice;
import io.imprint.server.products.Product;
import java.security.GeneralSecurityException;

/**
 * Authorizes evidence signed by an i.MX CAAM MP key: the request's MPMR and a raw r||s of the
 * product's curve (else {@code malformed-request}), no other proof; the claimed SRK hash must be the
 * product's (checked first, so a chip of another key set is diagnosed as such), then the signature over
 * SHA-256(MPMR || evidence) must verify with the product's enrolled MP key. The chip identity is the
 * fused chip ID the evidence claims (the MP key signs only for secure-boot-authenticated software).
 */
public final class CaamMpVerifier implements AttestationVerifier {
    @Override
    public AttestationMethod method() {
        return AttestationMethod.CAAM_MP;
    }

    /** @throws ImprintException MALFORMED_REQUEST, SRK_MISMATCH or BAD_SIGNATURE */
    @Override
    public VerifiedDevice verify(AttestationInput in) {
        Mpmr mpmr = Mpmr.of(Base64Field.decodeExact("mpmr", in.mpmr(), Mpmr.BYTES));
        byte[] rs = SignatureField.decode(in.signature());
        in.proof().requireOnly(method().slug(), java.util.Set.of());
        Product product = in.product();
        SignatureField.requireFor(product, rs);
        if (!product.srkHashEquals(in.evidence().metadata().srkHash())) {
            throw new ImprintException(ProblemCode.SRK_MISMATCH,
                    "the chip's SRK hash is not the one enrolled for product " + product.name());
        }
        try {
            MpVerifier.verify(product.mpKey(), mpmr, in.signedBytes(), rs);
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE,
                    "MP signature does not verify with the enrolled key of " + product.name()
                            + " (MPMR " + mpmr.describe() + ")");
        }
        return new VerifiedDevice(in.evidence().chipId(), mpmr, null);
    }

    /** @throws ImprintException MALFORMED_REQUEST or BAD_SIGNATURE */
    @Override
    public void verifyReceipt(ReceiptInput in) {
        Mpmr mpmr = Mpmr.of(Base64Field.decodeExact("mpmr", in.mpmr(), Mpmr.BYTES));
        byte[] rs = SignatureField.decode(in.signature());
        Product product = in.product();
        SignatureField.requireFor(product, rs);
        try {
            MpVerifier.verify(product.mpKey(), mpmr, in.signedBytes(), rs);
        } catch (GeneralSecurityException e) {
            throw new ImprintException(ProblemCode.BAD_SIGNATURE,
                    "receipt signature does not verify with the enrolled key of " + product.name());
        }
    }
}
