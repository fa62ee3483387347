package io.imprint.cli.demo;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.products.ProductEnrollment;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * One product line of emulated i.MX chips: a part number, the fused SRK hash and the emulated
 * fuse seed from which every chip of the line derives the same MP key pair, as on silicon.
 */
public final class ProductFamily {
    public static final String PART_NUMBER = "MIMX8MM6DVTLZAA";
    private final byte[] srkHash;
    private final byte[] fuseSeed;

    private ProductFamily(byte[] srkHash, byte[] fuseSeed) {
        this.srkHash = srkHash;
        this.fuseSeed = fuseSeed;
    }

    public static ProductFamily random() {
        return new ProductFamily(Providers.randomBytes(32), Providers.randomBytes(32));
    }

    public byte[] srkHash() {
        return srkHash.clone();
    }

    /** A genuine chip of this line with a fresh unique ID. */
    public EmulatedCaamChip genuineChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, srkHash, fuseSeed).build();
    }

    /**
     * The demo's enrollment of this line as {@code product}: the MP key read from {@code reference},
     * two random 32-byte secrets per unit and {@link Demo#POLICY}.
     */
    public ProductEnrollment enrollment(String product, EmulatedCaamChip reference) {
        return new ProductEnrollment(product, PART_NUMBER, HexFormat.of().formatHex(srkHash),
                "Public key:\n" + reference.publicKey().hex(),
                SecretTemplate.parse("disk-encryption-key:random:32,cloud-api-token:random:32"), Demo.POLICY);
    }

    /**
     * Writes a genuine chip of this line (fresh unique ID, closed, MPMR all zeros) into {@code dir} as an
     * emulated chip directory, as {@code imprint device chip-init} does, for commands that load it.
     */
    public void writeChip(Path dir) throws IOException {
        EmulatedChipFile.create(dir, PART_NUMBER, srkHash, fuseSeed, Providers.randomBytes(EmulatedCaamChip.CHIP_ID_BYTES),
                "closed", Mpmr.ZEROS);
    }

    /** A chip whose MP key differs: another fuse seed, same part number and SRK hash. */
    public EmulatedCaamChip counterfeitChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, srkHash, Providers.randomBytes(32)).build();
    }

    /** A chip fused with another SRK hash (another secure-boot key set). */
    EmulatedCaamChip otherSrkChip() throws GeneralSecurityException {
        return EmulatedCaamChip.builder(PART_NUMBER, Providers.randomBytes(32), fuseSeed).build();
    }
}
