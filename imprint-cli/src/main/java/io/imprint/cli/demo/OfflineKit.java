package io.imprint.cli.demo;

import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.server.Imprint;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.keystore.SoftwareKeyStore;
import io.imprint.server.orders.OrderRequest;
import java.nio.file.Path;

/**
 * What the offline path needs beside the demo's store, so the printed {@code bundle build},
 * {@code device apply-bundle} and {@code receipts import} commands run as printed: a software key store
 * ({@code file:}) holding the product's MP key, the OEM bundle-signing key and the OEM receipt key (an
 * OEM keeps these in an HSM), the signing key's public PEM for devices, an open device-serial order for
 * the bundle's lot, and one emulated chip of the product line. Everything lives in {@code <data>/offline}.
 */
final class OfflineKit {
    static final String ORDER = "PO-DEMO-OFFLINE";
    static final String SERIALS = "OF000001..OF000010";
    static final String FIRST_SERIAL = "OF000001";
    static final String MP_LABEL = "gateway-x-mp";
    static final String SIGNING_LABEL = "oem-bundle";
    static final String RECEIPT_LABEL = "oem-receipt";
    private final Path dir;

    private OfflineKit(Path dir) {
        this.dir = dir;
    }

    /** Prepares the kit in {@code dataDir/offline} for {@code product}, whose MP key {@code reference} holds. */
    static OfflineKit prepare(Imprint imprint, String product, ProductFamily family, EmulatedCaamChip reference,
                              Path dataDir) throws Exception {
        OfflineKit kit = new OfflineKit(dataDir.toAbsolutePath().resolve("offline"));
        try (SoftwareKeyStore keys = new SoftwareKeyStore(kit.keys())) {
            keys.importMpKey(MP_LABEL, reference.publicKey());
            PemFiles.writePublic(kit.oemKey(), PemFiles.pem(keys.createSigningKey(SIGNING_LABEL).publicKey()));
            keys.createReceiptKey(RECEIPT_LABEL);
        }
        family.writeChip(kit.chip());
        imprint.orders().create(new OrderRequest(ORDER, product, "acme-ems", 10, SERIALS));
        return kit;
    }

    Path keys() {
        return dir.resolve("keys");
    }

    Path oemKey() {
        return dir.resolve("oem-bundle-key.pem");
    }

    Path chip() {
        return dir.resolve("chip-1");
    }

    Path bundle() {
        return dir.resolve("bundle.imb");
    }

    Path receipts() {
        return dir.resolve("receipts.txt");
    }
}
