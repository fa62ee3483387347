package io.imprint.server.products;

import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.issuance.ProductCa;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.store.Database;
import io.imprint.server.store.JdbcMethodRepository;
import io.imprint.server.store.MethodRepository;
import io.imprint.server.store.TrustRootRow;
import io.imprint.server.store.PolicyRepository;
import io.imprint.server.store.ProductRepository;
import io.imprint.server.store.ProductRow;
import io.imprint.server.store.UniqueViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Enrolls and finds products; parsed products are cached per name (only known ones). */
public final class Products {
    private final Database db;
    private final ProductRepository repository;
    private final ProductCaStore cas;
    private final PolicyRepository policies;
    private final MethodRepository methods;
    private final ConcurrentHashMap<String, Product> cache = new ConcurrentHashMap<>();

    public Products(Database db, ProductRepository repository, ProductCaStore cas, PolicyRepository policies,
                    MethodRepository methods) {
        this.db = db;
        this.repository = repository;
        this.cas = cas;
        this.policies = policies;
        this.methods = methods;
    }

    /** Products whose methods are kept by a {@link JdbcMethodRepository}. */
    public Products(Database db, ProductRepository repository, ProductCaStore cas, PolicyRepository policies) {
        this(db, repository, cas, policies, new JdbcMethodRepository());
    }

    /**
     * Enrolls a product (with its policy, methods and trust roots) and creates its CA; a known name is a
     * {@link ProblemCode#CONFLICT}. {@code caam-mp} needs the MP key and SRK hash; other methods take them
     * when given.
     */
    public Product enroll(ProductEnrollment e) {
        return enroll(e, AuditContext.SYSTEM);
    }

    /** {@link #enroll(ProductEnrollment)}; the product row and {@code context}'s record commit together. */
    public Product enroll(ProductEnrollment e, AuditContext context) {
        String name = Fields.identifier("product name", e.name());
        String partNumber = Fields.identifier("part number", e.partNumber());
        boolean mp = e.methods().contains(AttestationMethod.CAAM_MP);
        byte[] srk = mp || e.srkHash() != null ? srkHash(e.srkHash()) : new byte[0];
        MpPublicKey key = null;
        if (mp || e.mpPublicKey() != null) {
            try {
                key = MpPublicKey.parse(e.mpPublicKey() == null ? "" : e.mpPublicKey());
            } catch (GeneralSecurityException | IllegalArgumentException ex) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "MP public key: " + ex.getMessage());
            }
        }
        SecretTemplate template = e.template() == null ? SecretTemplate.DEFAULT : e.template();
        for (Product other : list()) {
            // Names differing only in case would share a CA directory on case-insensitive file systems.
            if (other.name().equalsIgnoreCase(name)) {
                throw new ImprintException(ProblemCode.CONFLICT, "product " + other.name() + " is already enrolled");
            }
        }
        ProductCa ca;
        try {
            ca = cas.generate(name);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("cannot generate the product CA", ex);
        }
        Instant now = Instant.ofEpochMilli(Instant.now().toEpochMilli());
        List<TrustRootRow> roots = ProductMethods.enrollmentRoots(name, e.methods(), e.trustRoots(), now);
        ProductRow row = new ProductRow(name, partNumber, HexFormat.of().formatHex(srk),
                key == null ? "" : key.curve().name(), key == null ? "" : key.hex(), template.format(), now);
        try {
            db.transaction(c -> {
                repository.insert(c, row);
                ProductMethods.insert(c, methods, name, e.methods(), roots, now);
                if (e.policy() != null) {
                    policies.put(c, e.policy().toRow(name, row.created()));
                }
                context.committing(c);
                try {
                    cas.save(ca);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                return null;
            });
        } catch (UniqueViolation ex) {
            throw new ImprintException(ProblemCode.CONFLICT, "product " + name + " is already enrolled");
        }
        return get(name);
    }

    /** The product, or {@link ProblemCode#UNKNOWN_PRODUCT}. */
    public Product get(String name) {
        return find(name).orElseThrow(() ->
                new ImprintException(ProblemCode.UNKNOWN_PRODUCT, "product " + name + " is not enrolled"));
    }

    public Optional<Product> find(String name) {
        Product cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProductRow> row = db.autoCommit(c -> repository.find(c, name));
        return row.map(r -> cache.computeIfAbsent(r.name(), n -> parse(r)));
    }

    public List<Product> list() {
        return db.autoCommit(repository::list).stream().map(r -> cache.computeIfAbsent(r.name(), n -> parse(r)))
                .toList();
    }

    /** The CA of an enrolled product. */
    public ProductCa ca(String name) {
        return cas.get(get(name).name());
    }

    private static Product parse(ProductRow r) {
        try {
            return new Product(r.name(), r.partNumber(), HexFormat.of().parseHex(r.srkHash()),
                    r.mpPublicKey().isEmpty() ? null : MpPublicKey.parse(r.mpPublicKey()),
                    SecretTemplate.parse(r.secretTemplate()), r.created());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored MP key of product " + r.name() + " does not parse", e);
        }
    }

    private static byte[] srkHash(String hex) {
        if (hex == null || !hex.strip().matches("[0-9A-Fa-f]{64}")) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "SRK hash must be 64 hex characters");
        }
        return HexFormat.of().parseHex(hex.strip().toLowerCase(Locale.ROOT));
    }
}
