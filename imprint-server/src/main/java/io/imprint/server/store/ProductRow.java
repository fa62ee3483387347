package io.imprint.server.store;

import java.time.Instant;

/**
 * A stored product.
 *
 * @param srkHash lowercase hex of the 32-byte SRK hash
 * @param mpPublicKey uppercase hex of the MP public key X||Y
 * @param secretTemplate the template in its text form ({@code name:random:32,...})
 */
public record ProductRow(String name, String partNumber, String srkHash, String mpCurve, String mpPublicKey,
                         String secretTemplate, Instant created) {
}
