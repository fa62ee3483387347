package io.imprint.protocol.tpm;

/** A quote that {@link QuoteVerifier} accepted: its EK, its AK and the parsed TPMS_ATTEST. */
public final class VerifiedQuote {
    private final VerifiedEk ek;
    private final TpmPublic ak;
    private final TpmAttest attest;

    VerifiedQuote(VerifiedEk ek, TpmPublic ak, TpmAttest attest) {
        this.ek = ek;
        this.ak = ak;
        this.attest = attest;
    }

    public VerifiedEk ek() { return ek; }

    public TpmPublic ak() { return ak; }

    public TpmAttest attest() { return attest; }
}
