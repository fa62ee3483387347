package io.imprint.device.tpm;

import io.imprint.protocol.tpm.CredentialBlob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HexFormat;

/**
 * An attestation key just created under the EK of a {@link Tpm2Device}: its public area and the
 * EK's, credential activation (proving to the server that the AK lives in the TPM of that EK) and
 * quotes. Held as saved contexts in an owner-only directory, deleted on close.
 */
public final class Tpm2AttestationKey implements AutoCloseable {
    /** tpm2-tools' credential file header: magic 0xBADCC0DE, version 1 (lib/files.c). */
    private static final byte[] CREDENTIAL_FILE_HEADER = {(byte) 0xBA, (byte) 0xDC, (byte) 0xC0, (byte) 0xDE, 0, 0, 0, 1};
    private static final int MAX_STRUCTURE = 2048;

    private final Tpm2Device tpm;
    private final PrivateDir dir;
    /** The EK as tpm2-tools take it: a saved context file or a persistent handle. */
    private final String ek;
    private final byte[] ekPublic;
    private final byte[] akPublic;

    Tpm2AttestationKey(Tpm2Device tpm, PrivateDir dir, String ek, byte[] ekPublic, byte[] akPublic) {
        this.tpm = tpm;
        this.dir = dir;
        this.ek = ek;
        this.ekPublic = ekPublic.clone();
        this.akPublic = akPublic.clone();
    }

    /** The EK's TPM2B_PUBLIC, as the TPM marshals it. */
    public byte[] ekPublic() {
        return ekPublic.clone();
    }

    /** The AK's TPM2B_PUBLIC, as the TPM marshals it. */
    public byte[] akPublic() {
        return akPublic.clone();
    }

    /**
     * TPM2_ActivateCredential: the TPM opens {@code blob} with the EK (authorized by a PolicySecret
     * session on the endorsement hierarchy) only if this AK's name is the one it was made for, and
     * returns the credential. Fails when the blob was made for another EK or another key.
     */
    public byte[] activate(CredentialBlob blob) throws IOException {
        return tpm.thenFlush(() -> activateLoaded(blob));
    }

    /**
     * {@link #activate} then {@link #quote} in one go, flushing once (swtpm's three object slots hold
     * the EK and the AK of the activation and the AK of the quote): one subprocess fewer.
     */
    public ActivatedQuote activateAndQuote(CredentialBlob blob, byte[] qualifyingData) throws IOException {
        requireQualifyingData(qualifyingData);
        return tpm.thenFlush(() -> new ActivatedQuote(activateLoaded(blob), quoteLoaded(qualifyingData)));
    }

    /** A credential and the quote made right after its activation. */
    public record ActivatedQuote(byte[] credential, TpmQuote quote) {
        public ActivatedQuote {
            credential = credential.clone();
        }

        @Override public byte[] credential() { return credential.clone(); }
    }

    private byte[] activateLoaded(CredentialBlob blob) throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(CREDENTIAL_FILE_HEADER);
        byte[] id = blob.idObject();
        byte[] secret = blob.encryptedSecret();
        file.write(id.length >>> 8);
        file.write(id.length);
        file.write(id);
        file.write(secret.length >>> 8);
        file.write(secret.length);
        file.write(secret);
        String credential = dir.write("credential.blob", file.toByteArray());
        TpmTools tools = tpm.tools();
        try {
            tools.run("tpm2_startauthsession", "--policy-session", "-S", dir.file("session.ctx"));
            tools.run("tpm2_policysecret", "-S", dir.file("session.ctx"), "-c", "e");
            tools.run("tpm2_activatecredential", "-c", dir.file("ak.ctx"), "-C", ek,
                    "-i", credential, "-o", dir.file("credential.out"), "-P", "session:" + dir.file("session.ctx"));
            tools.run("tpm2_flushcontext", dir.file("session.ctx"));
            return dir.read("credential.out", 64);
        } finally {
            Files.deleteIfExists(dir.path().resolve("credential.out"));
        }
    }

    /**
     * TPM2_Quote with this AK over the configured PCRs and {@code qualifyingData} (at most 64 bytes,
     * not secret): the TPMS_ATTEST bytes and the TPMT_SIGNATURE.
     */
    public TpmQuote quote(byte[] qualifyingData) throws IOException {
        requireQualifyingData(qualifyingData);
        return tpm.thenFlush(() -> quoteLoaded(qualifyingData));
    }

    private TpmQuote quoteLoaded(byte[] qualifyingData) throws IOException {
        tpm.tools().run("tpm2_quote", "-c", dir.file("ak.ctx"), "-l", tpm.pcrs(), "-g", "sha256",
                "-q", HexFormat.of().formatHex(qualifyingData),
                "-m", dir.file("quote.msg"), "-s", dir.file("quote.sig"));
        return new TpmQuote(dir.read("quote.msg", MAX_STRUCTURE), dir.read("quote.sig", MAX_STRUCTURE));
    }

    private static void requireQualifyingData(byte[] qualifyingData) {
        if (qualifyingData.length == 0 || qualifyingData.length > 64) {
            throw new IllegalArgumentException("qualifying data must be 1..64 bytes");
        }
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }
}
