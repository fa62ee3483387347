package io.imprint.server.startup;

import io.imprint.protocol.crypto.Providers;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Which keys a store was made with, as recorded in its database (table {@code store_identity}).
 *
 * @param storeId random id of the store (32 hex), printed in messages so two stores can be told apart
 * @param escrowKey fingerprint of the escrow KEK ({@code FileKeyEscrow#fingerprint})
 * @param auditKey fingerprint of the audit key ({@code AuditKey#fingerprint})
 * @param operatorCa fingerprint of the operator CA certificate, or null while the store has none
 * @param createdAt when the identity was recorded
 */
public record StoreIdentity(String storeId, String escrowKey, String auditKey, String operatorCa, Instant createdAt) {

    /** A new identity with a fresh random id. */
    static StoreIdentity fresh(String escrowKey, String auditKey, String operatorCa, Instant now) {
        return new StoreIdentity(HexFormat.of().formatHex(Providers.randomBytes(16)), escrowKey, auditKey, operatorCa,
                Instant.ofEpochMilli(now.toEpochMilli()));
    }

    /** The first 12 hex digits of the id: enough to tell stores apart in a message. */
    public String shortId() {
        return storeId.substring(0, 12);
    }
}
