package io.imprint.server.attest.tpm;

import io.imprint.protocol.codec.CanonicalReader;
import io.imprint.protocol.codec.CanonicalWriter;
import io.imprint.protocol.tpm.TpmPublic;

/**
 * What the server keeps with a challenge between the preparation and the attestation of a
 * {@code tpm2} session: the chip identity from the verified EK, the AK, the AK's qualified name as a
 * child of that EK, and SHA-256 of the credential wrapped for them (never the credential itself, so
 * a reader of the store cannot answer the activation).
 *
 * <pre>
 * "IMPRINT/TPM2/PREPARED/v1" 00 | chipId | akPublic | akQualifiedName | credentialDigest
 * </pre>
 */
record Tpm2Session(byte[] chipId, byte[] akPublic, byte[] akQualifiedName, byte[] credentialDigest) {
    private static final String CONTEXT = "IMPRINT/TPM2/PREPARED/v1";

    byte[] encode() {
        return CanonicalWriter.start(CONTEXT).bytes(chipId).bytes(akPublic).bytes(akQualifiedName)
                .bytes(credentialDigest).toByteArray();
    }

    static Tpm2Session decode(byte[] state) {
        CanonicalReader r = CanonicalReader.open(state, CONTEXT);
        Tpm2Session s = new Tpm2Session(r.bytes("chipId", 32, 32), r.bytes("akPublic", 1, TpmPublic.MAX_BYTES),
                r.bytes("akQualifiedName", 34, 34), r.bytes("credentialDigest", 32, 32));
        r.end();
        return s;
    }

    TpmPublic ak() {
        return TpmPublic.parseTpm2b(akPublic);
    }
}
