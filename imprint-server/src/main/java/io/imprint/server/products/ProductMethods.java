package io.imprint.server.products;

import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.audit.AuditContext;
import io.imprint.server.store.Database;
import io.imprint.server.store.MethodRepository;
import io.imprint.server.store.TrustRootRow;
import io.imprint.server.store.UniqueViolation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which attestation methods each product accepts, and their trust roots. Read from the database on
 * every attestation (no cache), so a change takes effect at once on every node.
 */
public final class ProductMethods {
    private final Database db;
    private final MethodRepository repository;
    private final Products products;
    private final Clock clock;

    public ProductMethods(Database db, MethodRepository repository, Products products, Clock clock) {
        this.db = db;
        this.repository = repository;
        this.products = products;
        this.clock = clock;
    }

    /** The product's trust for {@code method}; a method it does not accept is {@code method-not-accepted}. */
    public MethodTrust trust(Product product, AttestationMethod method) {
        List<TrustRootRow> roots = db.autoCommit(c -> {
            if (!repository.methods(c, product.name()).contains(method.slug())) {
                return null;
            }
            return repository.roots(c, product.name(), method.slug());
        });
        if (roots == null) {
            throw new ImprintException(ProblemCode.METHOD_NOT_ACCEPTED, "product " + product.name()
                    + " does not accept attestation method " + method.slug() + " (accepts: "
                    + String.join(", ", methods(product.name()).stream().map(AttestationMethod::slug).toList()) + ")");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (TrustRootRow r : roots) {
            certificates.add(certificate(r.certificate()));
        }
        return new MethodTrust(method, certificates);
    }

    /** The methods the product accepts, in enum order. */
    public List<AttestationMethod> methods(String product) {
        List<String> slugs = db.autoCommit(c -> repository.methods(c, product));
        return java.util.Arrays.stream(AttestationMethod.values()).filter(m -> slugs.contains(m.slug())).toList();
    }

    /** The product's trust roots, of every method. */
    public List<TrustRootRow> roots(String product) {
        String name = products.get(product).name();
        return db.autoCommit(c -> repository.roots(c, name, null));
    }

    /** Makes the product accept {@code method}; {@code caam-mp} needs the product's MP key and SRK hash. */
    public List<AttestationMethod> accept(String product, AttestationMethod method, AuditContext context) {
        Product p = products.get(product);
        requireMpTrust(p, method);
        db.transaction(c -> {
            repository.accept(c, p.name(), method.slug(), now());
            context.committing(c);
            return null;
        });
        return methods(p.name());
    }

    /** Stops accepting {@code method} (its trust roots go with it); the last method cannot be removed. */
    public List<AttestationMethod> refuse(String product, AttestationMethod method, AuditContext context) {
        Product p = products.get(product);
        List<AttestationMethod> current = methods(p.name());
        if (!current.contains(method)) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "product " + p.name() + " does not accept " + method.slug());
        }
        if (current.size() == 1) {
            throw new ImprintException(ProblemCode.CONFLICT, method.slug() + " is the only method product " + p.name()
                    + " accepts; accept another one first");
        }
        db.transaction(c -> {
            repository.refuse(c, p.name(), method.slug());
            context.committing(c);
            return null;
        });
        return methods(p.name());
    }

    /** Adds the CA certificates of {@code pem} as trust roots of the product for {@code method} (which it must accept). */
    public List<TrustRootRow> addRoots(String product, AttestationMethod method, String pem, AuditContext context) {
        Product p = products.get(product);
        if (!methods(p.name()).contains(method)) {
            throw new ImprintException(ProblemCode.CONFLICT, "product " + p.name() + " does not accept "
                    + method.slug() + "; accept the method before adding its trust roots");
        }
        List<TrustRootRow> rows = rows(p.name(), method, pem, now());
        try {
            db.transaction(c -> {
                insert(c, rows);
                context.committing(c);
                return null;
            });
        } catch (UniqueViolation e) {
            throw new ImprintException(ProblemCode.CONFLICT, "this trust root is already configured for "
                    + p.name() + " / " + method.slug());
        }
        return rows;
    }

    /** Removes one trust root by its SHA-256 fingerprint (64 hex). */
    public void removeRoot(String product, AttestationMethod method, String fingerprint, AuditContext context) {
        Product p = products.get(product);
        String fp = fingerprint == null ? "" : fingerprint.strip().toLowerCase(Locale.ROOT);
        if (!fp.matches("[0-9a-f]{64}")) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "fingerprint must be 64 hex characters");
        }
        boolean removed = db.transaction(c -> {
            boolean r = repository.removeRoot(c, p.name(), method.slug(), fp);
            if (r) {
                context.committing(c);
            }
            return r;
        });
        if (!removed) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "no " + method.slug() + " trust root " + fp
                    + " for product " + p.name());
        }
    }

    /** Validates the methods and roots of an enrollment (before anything is written). */
    static List<TrustRootRow> enrollmentRoots(String product, List<AttestationMethod> methods,
                                              Map<AttestationMethod, String> roots, Instant at) {
        List<TrustRootRow> rows = new ArrayList<>();
        for (Map.Entry<AttestationMethod, String> e : roots.entrySet()) {
            if (!methods.contains(e.getKey())) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "trust roots given for "
                        + e.getKey().slug() + ", which the product does not accept");
            }
            rows.addAll(rows(product, e.getKey(), e.getValue(), at));
        }
        return rows;
    }

    /** Writes the enrollment's methods and roots, inside its transaction. */
    static void insert(Connection c, MethodRepository repository, String product, List<AttestationMethod> methods,
                       List<TrustRootRow> roots, Instant at) throws SQLException {
        for (AttestationMethod m : methods) {
            repository.accept(c, product, m.slug(), at);
        }
        for (TrustRootRow r : roots) {
            repository.addRoot(c, r);
        }
    }

    static void requireMpTrust(Product p, AttestationMethod method) {
        if (method == AttestationMethod.CAAM_MP && (!p.hasMpKey() || !p.hasSrkHash())) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "caam-mp needs the product's MP public key "
                    + "and SRK hash, and product " + p.name() + " was enrolled without them");
        }
    }

    private static List<TrustRootRow> rows(String product, AttestationMethod method, String pem, Instant at) {
        if (method == AttestationMethod.CAAM_MP) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST,
                    "caam-mp takes no trust-root certificates: its trust is the product's MP key and SRK hash");
        }
        List<TrustRootRow> rows = new ArrayList<>();
        for (X509Certificate x : TrustRootCertificates.parse(pem)) {
            rows.add(new TrustRootRow(product, method.slug(), TrustRootCertificates.fingerprint(x),
                    TrustRootCertificates.pem(x), x.getSubjectX500Principal().getName(), at));
        }
        return rows;
    }

    private void insert(Connection c, List<TrustRootRow> rows) throws SQLException {
        for (TrustRootRow r : rows) {
            repository.addRoot(c, r);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored trust root does not parse", e);
        }
    }
}
