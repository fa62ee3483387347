package io.imprint.protocol.tpm;

import java.util.ArrayList;
import java.util.List;

/**
 * A TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE (TPM 2.0 Library Part 2, §10.12.12), as
 * {@code tpm2_quote -m} writes it, parsed strictly; the marshaled bytes are what the AK signed.
 *
 * <pre>
 * magic u32 (FF544347) | type u16 (8018) | qualifiedSigner TPM2B_NAME | extraData TPM2B_DATA
 * | clock u64 | resetCount u32 | restartCount u32 | safe u8 | firmwareVersion u64
 * | TPML_PCR_SELECTION (count u32, count x (hash u16 | sizeofSelect u8 | pcrSelect))
 * | pcrDigest TPM2B_DIGEST
 * </pre>
 *
 * @param qualifiedSigner the qualified name of the signing key
 * @param extraData the qualifying data the caller gave the quote
 * @param clock TPM clock in milliseconds
 * @param resetCount TPM resets since the last TPM2_Clear
 * @param restartCount restarts since the last reset
 * @param firmwareVersion vendor firmware version
 * @param pcrSelection the quoted PCRs
 * @param pcrDigest digest of the quoted PCR values
 * @param marshaled the exact TPMS_ATTEST bytes
 */
public record TpmAttest(byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount, long restartCount,
                        long firmwareVersion, List<PcrSelection> pcrSelection, byte[] pcrDigest,
                        byte[] marshaled) {
    /** TPM_GENERATED_VALUE: every structure the TPM signs starts with it. */
    public static final long MAGIC = 0xFF544347L;
    /** TPM_ST_ATTEST_QUOTE. */
    public static final int TYPE_QUOTE = 0x8018;
    /** No quote we accept is larger. */
    public static final int MAX_BYTES = 1024;

    /** One TPMS_PCR_SELECTION: a hash bank and the bitmap of its selected PCRs. */
    public record PcrSelection(int hashAlg, byte[] bitmap) {
        public PcrSelection {
            bitmap = bitmap.clone();
        }

        @Override public byte[] bitmap() { return bitmap.clone(); }
    }

    public TpmAttest {
        qualifiedSigner = qualifiedSigner.clone();
        extraData = extraData.clone();
        pcrSelection = List.copyOf(pcrSelection);
        pcrDigest = pcrDigest.clone();
        marshaled = marshaled.clone();
    }

    @Override public byte[] qualifiedSigner() { return qualifiedSigner.clone(); }
    @Override public byte[] extraData() { return extraData.clone(); }
    @Override public byte[] pcrDigest() { return pcrDigest.clone(); }
    @Override public byte[] marshaled() { return marshaled.clone(); }

    /** Parses a quote's TPMS_ATTEST; a wrong magic or type, or any trailing byte, is refused. */
    public static TpmAttest parseQuote(byte[] data) {
        TpmReader r = TpmReader.of(data, MAX_BYTES, "TPMS_ATTEST");
        long magic = r.u32("magic");
        if (magic != MAGIC) {
            throw r.fail(String.format("magic %08x is not TPM_GENERATED_VALUE ff544347", magic));
        }
        int type = r.u16("type");
        if (type != TYPE_QUOTE) {
            throw r.fail(String.format("type %04x is not TPM_ST_ATTEST_QUOTE 8018", type));
        }
        byte[] signer = r.tpm2b(2 + 64, "qualifiedSigner");
        byte[] extra = r.tpm2b(2 + 64, "extraData");
        long clock = r.u64("clock");
        long resetCount = r.u32("resetCount");
        long restartCount = r.u32("restartCount");
        int safe = r.u8("safe");
        if (safe > 1) {
            throw r.fail("safe is not a TPMI_YES_NO");
        }
        long firmware = r.u64("firmwareVersion");
        long count = r.u32("pcrSelect.count");
        if (count > 16) {
            throw r.fail("more than 16 PCR banks");
        }
        List<PcrSelection> banks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hash = r.u16("pcrSelect.hash");
            int size = r.u8("pcrSelect.sizeofSelect");
            if (size > 4) {
                throw r.fail("PCR bitmap of " + size + " bytes");
            }
            banks.add(new PcrSelection(hash, r.raw(size, "pcrSelect")));
        }
        byte[] pcrDigest = r.tpm2b(64, "pcrDigest");
        r.end();
        return new TpmAttest(signer, extra, clock, resetCount, restartCount, firmware, banks, pcrDigest, data);
    }
}
