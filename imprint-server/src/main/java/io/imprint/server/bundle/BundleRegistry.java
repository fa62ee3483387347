package io.imprint.server.bundle;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.Orders;
import io.imprint.server.orders.SerialRange.Serial;
import io.imprint.server.products.Products;
import io.imprint.server.store.BundleRepository;
import io.imprint.server.store.BundleRow;
import io.imprint.server.store.Database;
import io.imprint.server.store.UniqueViolation;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundles the OEM built: a bundle's lot is an open order of its product, recorded with the
 * stored digests its units will report, so receipts can be matched and counted later.
 */
public final class BundleRegistry {
    private static final HexFormat HEX = HexFormat.of();
    private final Database db;
    private final BundleRepository repository;
    private final Orders orders;
    private final Products products;
    private final Clock clock;

    public BundleRegistry(Database db, BundleRepository repository, Orders orders, Products products, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.orders = orders;
        this.products = products;
        this.clock = clock;
    }

    /**
     * The open order named {@code lot} of {@code product}, checked before a bundle is built for it;
     * every per-unit serial must lie in the order's range.
     */
    public Order orderFor(String product, String lot, Collection<String> serials) {
        products.get(product);
        Order order = orders.get(lot);
        if (!order.product().equals(product)) {
            throw new ImprintException(ProblemCode.CONFLICT, "order " + lot + " is an order of " + order.product()
                    + ", not of " + product);
        }
        if (!order.open()) {
            throw new ImprintException(ProblemCode.ORDER_INACTIVE, "order " + lot + " is not open");
        }
        if (io.imprint.server.store.OrderRow.SERIAL_SERVER.equals(order.serialMode())) {
            // The server hands out such serials in sequence at attestation time; an offline unit would take one.
            throw new ImprintException(ProblemCode.CONFLICT, "order " + lot + " assigns serials on the server; "
                    + "build bundles for an order created with --serial-mode device");
        }
        for (String serial : serials) {
            if (Serial.parse(serial).filter(order.serials()::contains).isEmpty()) {
                throw new ImprintException(ProblemCode.SERIAL_NOT_AUTHORIZED,
                        "serial " + serial + " lies outside order " + lot + " (" + order.serials() + ")");
            }
        }
        return order;
    }

    /** Records a built bundle against its order; the manifest's lot must name an open order of its product. */
    public BundleRecord record(BundleManifest m) {
        Order order = orderFor(m.product(), m.lot(), m.unitDigests().keySet());
        BundleRow row = new BundleRow(m.bundleId(), m.product(), m.lot(), order.id(), m.createdAt(), m.expiresAt(),
                m.unitCount(), m.lotDigest().map(HEX::formatHex).orElse(null), clock.instant());
        Map<String, String> digests = new HashMap<>();
        m.unitDigests().forEach((serial, digest) -> digests.put(serial, HEX.formatHex(digest)));
        try {
            db.transaction(c -> {
                repository.insert(c, row);
                repository.insertUnitDigests(c, m.bundleId(), digests);
                return null;
            });
        } catch (UniqueViolation e) {
            throw new ImprintException(ProblemCode.CONFLICT, "bundle " + m.bundleId() + " is already recorded");
        }
        return toRecord(row);
    }

    public Optional<BundleRecord> find(String bundleId) {
        return db.autoCommit(c -> repository.find(c, bundleId)).map(BundleRegistry::toRecord);
    }

    /** The manifest of a recorded bundle (its digests), to verify receipts against. */
    public Optional<BundleManifest> manifest(String bundleId) {
        return db.autoCommit(c -> {
            Optional<BundleRow> row = repository.find(c, bundleId);
            if (row.isEmpty()) {
                return Optional.<BundleManifest>empty();
            }
            BundleRow b = row.get();
            Map<String, byte[]> units = new HashMap<>();
            repository.unitDigests(c, bundleId).forEach((serial, hex) -> units.put(serial, HEX.parseHex(hex)));
            return Optional.of(new BundleManifest(b.bundleId(), b.product(), b.lot(), b.createdAt(), b.expiresAt(),
                    b.unitCount(), Optional.ofNullable(b.lotDigest()).map(HEX::parseHex), units));
        });
    }

    /** Recorded bundles, newest first, optionally of one product (null = all). */
    public List<BundleRecord> list(String product) {
        return db.autoCommit(c -> repository.list(c, product)).stream().map(BundleRegistry::toRecord).toList();
    }

    private static BundleRecord toRecord(BundleRow r) {
        return new BundleRecord(r.bundleId(), r.product(), r.lot(), r.orderId(), r.createdAt(), r.expiresAt(),
                r.unitCount());
    }
}
