package io.imprint.server.keystore;

import io.imprint.protocol.bundle.BundleHeader;
import io.imprint.protocol.bundle.BundleKdf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checked-in bundle KDF vector of the protocol module (bundle-kdf-v1.txt, from its test-jar). */
record KdfVector(byte[] mpKey, BundleHeader header, String keyHex) {
    static KdfVector load() throws IOException {
        Map<String, String> v = new HashMap<>();
        try (InputStream in = KdfVector.class.getResourceAsStream("/io/imprint/protocol/bundle/bundle-kdf-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf(" =");
                if (!line.startsWith("#") && eq > 0) {
                    v.put(line.substring(0, eq).strip(), line.substring(eq + 2).strip());
                }
            }
        }
        HexFormat hex = HexFormat.of();
        BundleHeader h = new BundleHeader(BundleHeader.FORMAT_VERSION, hex.parseHex(v.get("bundleId")), v.get("product"),
                v.get("lot"), BundleKdf.ALGORITHM_ID, hex.parseHex(v.get("salt")), io.imprint.protocol.crypto.EcPoints
                .toUncompressed(io.imprint.protocol.bundle.FixtureReceiptKey.publicKeyOfNew()), List.of("disk-key"), List.of(), 0,
                Optional.empty(), 1_700_000_000L, 1_800_000_000L);
        return new KdfVector(hex.parseHex(v.get("mpPublicKey")), h, v.get("key"));
    }
}
