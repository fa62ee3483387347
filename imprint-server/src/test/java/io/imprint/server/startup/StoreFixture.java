package io.imprint.server.startup;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.HexFormat;

/** Stores made for the start-check tests: created, given a product (so they hold data), closed. */
final class StoreFixture {
    static final String PRODUCT = "gw";

    private StoreFixture() {
    }

    /** Creates a store in {@code config} with product {@link #PRODUCT} enrolled, and closes it. */
    static void storeWithProduct(ServerConfig config) throws Exception {
        try (Imprint imprint = Imprint.create(config)) {
            imprint.products().enroll(new ProductEnrollment(PRODUCT, "MIMX8MM6",
                    HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(TestDevice.newMpKey()), null,
                    TestServer.POLICY));
        }
    }

    static void storeWithProduct(Path dataDir) throws Exception {
        storeWithProduct(ServerConfig.defaults(dataDir));
    }
}
