package io.imprint.server.startup;

import io.imprint.server.admin.OperatorCa;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.ProductCaStore;
import java.util.Optional;

/**
 * The keys of an opened store, loaded from its data directory and checked against its identity:
 * escrow KEK, audit key, operator CA (absent only while the store has none) and product CAs.
 */
public final class StoreKeys {
    private final FileKeyEscrow escrow;
    private final AuditKey auditKey;
    private final OperatorCa operatorCa;
    private final ProductCaStore productCas;

    StoreKeys(FileKeyEscrow escrow, AuditKey auditKey, OperatorCa operatorCa, ProductCaStore productCas) {
        this.escrow = escrow;
        this.auditKey = auditKey;
        this.operatorCa = operatorCa;
        this.productCas = productCas;
    }

    public FileKeyEscrow escrow() { return escrow; }

    public AuditKey auditKey() { return auditKey; }

    /** The operator CA; empty for a store made before it had one, opened by a command that does not create. */
    public Optional<OperatorCa> operatorCa() { return Optional.ofNullable(operatorCa); }

    /** Product CAs, those of the enrolled products already loaded and checked. */
    public ProductCaStore productCas() { return productCas; }

    @Override
    public String toString() {
        return "StoreKeys[escrow, audit" + (operatorCa == null ? "" : ", operator CA") + "]";
    }
}
