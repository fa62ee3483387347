package io.imprint.cli.demo;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.protocol.crypto.Providers;
import java.security.GeneralSecurityException;

/**
 * One product line of emulated i.MX chips: a part number, the fused SRK hash and the emulated
 * fuse seed from which every chip of the line derives the same MP key pair, as on silicon.
 */
final class ProductFamily {
    static final String PART_NUMBER = "MIMX8MM6DVTLZAA";
    private final byte[] srkHash;
    private final byte[] fuseSeed;

    private ProductFamily(byte[] srkHash, byte[] fuseSeed) {
        this.srkHash = srkHash;
        this.fuseSeed = fuseSeed;
    }

    static ProductFamily random() {
        return new ProductFamily(Providers.randomBytes(32), Providers.randomBytes(32));
    }

    byte[] srkHash() {
        return srkHash.clone();
    }

    /** A genuine chip of this line with a fresh unique ID. */
    EmulatedCaamChip genuineChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, srkHash, fuseSeed).build();
    }

    /** A chip whose MP key differs: another fuse seed, same part number and SRK hash. */
    EmulatedCaamChip counterfeitChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, srkHash, Providers.randomBytes(32)).build();
    }

    /** A chip fused with another SRK hash (another secure-boot key set). */
    EmulatedCaamChip otherSrkChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, Providers.randomBytes(32), fuseSeed).build();
    }
}
