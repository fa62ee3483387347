package io.imprint.server;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.admin.AdminService;
import io.imprint.server.admin.ChainedAdminAudit;
import io.imprint.server.admin.JdbcAdminAudit;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.alerts.AlertConfig;
import io.imprint.server.alerts.AlertOutbox;
import io.imprint.server.alerts.AlertingEventRepository;
import io.imprint.server.alerts.WebhookAlerts;
import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.CaamMpVerifier;
import io.imprint.server.attest.Challenges;
import io.imprint.server.attest.Receipts;
import io.imprint.server.attest.Reprovisioning;
import io.imprint.server.attest.UnitIssuer;
import io.imprint.server.audit.AuditKey;
import io.imprint.server.audit.AuditTrail;
import io.imprint.server.bundle.BundleRegistry;
import io.imprint.server.bundle.ReceiptImport;
import io.imprint.server.orders.Reconciliations;
import io.imprint.server.policy.Policies;
import io.imprint.server.store.JdbcPolicyRepository;
import io.imprint.server.store.ReconciliationRepository;
import io.imprint.server.store.ReprovisionRepository;
import io.imprint.server.events.EventLog;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.issuance.DeviceCertificates;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.orders.Orders;
import io.imprint.server.products.Products;
import io.imprint.server.reports.Reports;
import io.imprint.server.store.Database;
import io.imprint.server.store.JdbcBundleRepository;
import io.imprint.server.store.EventRepository;
import io.imprint.server.store.JdbcChallengeRepository;
import io.imprint.server.store.JdbcEventRepository;
import io.imprint.server.store.JdbcOrderRepository;
import io.imprint.server.store.JdbcProductRepository;
import io.imprint.server.store.JdbcUnitRepository;
import io.imprint.server.tls.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;

/** The composition root: opens the store and wires every service through constructors. */
public final class Imprint implements AutoCloseable {
    private static final int POSTGRES_POOL = 16;
    private final ServerConfig config;
    private final Database database;
    private final Products products;
    private final Orders orders;
    private final EventLog events;
    private final AuditTrail audit;
    private final Challenges challenges;
    private final Attestations attestations;
    private final Receipts receipts;
    private final BundleRegistry bundles;
    private final ReceiptImport receiptImport;
    private final AuditKey auditKey;
    private final Policies policies;
    private final Reprovisioning reprovisioning;
    private final WebhookAlerts alerts;
    private final Reports reports;
    private final AdminService admin;

    private Imprint(ServerConfig config, AlertConfig alertConfig, Database database)
            throws IOException, GeneralSecurityException {
        this.config = config;
        this.database = database;
        this.alerts = alertConfig.enabled()
                ? new WebhookAlerts(database, new AlertOutbox(), alertConfig, java.time.Clock.systemUTC()) : null;
        EventRepository eventRepository = alerts == null ? new JdbcEventRepository()
                : new AlertingEventRepository(new JdbcEventRepository(), new AlertOutbox(), java.time.Clock.systemUTC(),
                        alerts::wake);
        JdbcUnitRepository units = new JdbcUnitRepository();
        JdbcOrderRepository orderRepository = new JdbcOrderRepository();
        ProductCaStore cas = new ProductCaStore(config.dataDir());
        FileKeyEscrow escrow = FileKeyEscrow.open(config.dataDir());
        JdbcPolicyRepository policyRepository = new JdbcPolicyRepository();
        ReprovisionRepository reprovisionRepository = new ReprovisionRepository();
        this.products = new Products(database, new JdbcProductRepository(), cas, policyRepository);
        this.auditKey = loadAuditKey(config);
        this.audit = new AuditTrail(database, auditKey, config.clock(), AuditTrail.DEFAULT_CHECKPOINT_INTERVAL);
        this.events = new EventLog(database, eventRepository, units, audit, config.clock());
        this.orders = new Orders(database, orderRepository, products,
                new Reconciliations(database, new ReconciliationRepository(), auditKey), events, config.clock());
        this.policies = new Policies(database, policyRepository, events, config.clock());
        this.reprovisioning = new Reprovisioning(database, reprovisionRepository, products, events, config.clock());
        this.challenges = new Challenges(database, new JdbcChallengeRepository(), products, config.challengeTtl(),
                config.maxOutstandingChallenges(), config.clock());
        UnitIssuer issuer = new UnitIssuer(database, units, orderRepository, reprovisionRepository, cas,
                new DeviceCertificates(config.certificateValidity()), escrow, events, config.clock());
        this.attestations = new Attestations(products, new CaamMpVerifier(), challenges, issuer, events,
                policies);
        this.receipts = new Receipts(database, units, products, escrow, events, config.clock());
        JdbcBundleRepository bundleRepository = new JdbcBundleRepository();
        this.bundles = new BundleRegistry(database, bundleRepository, orders, products, config.clock());
        this.receiptImport = new ReceiptImport(database, bundleRepository, units, orderRepository, products, bundles,
                events, config.clock());
        this.reports = new Reports(database, orders, events);
        this.admin = new AdminService(database, products, policies, orders, reprovisioning, events, reports, audit,
                new ChainedAdminAudit(audit, new JdbcAdminAudit(config.clock())));
        if (alerts != null) {
            alerts.start(); // last: a failure above must not leave a sender thread behind
        }
    }

    /** Opens the database (migrating it) and wires the services. */
    public static Imprint open(ServerConfig config) {
        return open(config, AlertConfig.NONE);
    }

    /** Opens the database and wires the services, delivering refusal alerts as {@code alerts} says. */
    public static Imprint open(ServerConfig config, AlertConfig alerts) {
        Database db = config.databaseUrl() == null ? Database.sqlite(config.dataDir(), config.storeLockTimeout())
                : Database.open(config.databaseUrl(), POSTGRES_POOL, config.storeLockTimeout());
        try {
            return new Imprint(config, alerts, db);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            db.close();
            if (e instanceof GeneralSecurityException gse) {
                throw new IllegalStateException("cannot load or create the audit key", gse);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public ServerConfig config() { return config; }

    public Products products() { return products; }

    public Orders orders() { return orders; }

    /** Event log and reports (counts by outcome, units by state, recent events). */
    public EventLog events() { return events; }

    /** The hash-chained audit trail: append, checkpoint, export, verify. */
    public AuditTrail audit() { return audit; }

    public Challenges challenges() { return challenges; }

    public Attestations attestations() { return attestations; }

    public Receipts receipts() { return receipts; }

    /** Offline bundles built for this server's products and orders. */
    public BundleRegistry bundles() { return bundles; }

    /** Import of offline receipts files. */
    public ReceiptImport receiptImport() { return receiptImport; }
    /** Per-product policy (deny by default) and decision hooks. */
    public Policies policies() { return policies; }

    /** Single-use re-provisioning authorizations. */
    public Reprovisioning reprovisioning() { return reprovisioning; }

    /** The audit signing key (reconciliations are signed with it). */
    public AuditKey auditKey() { return auditKey; }

    private static AuditKey loadAuditKey(ServerConfig config) {
        try {
            return AuditKey.loadOrCreate(config.dataDir());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the audit key", e);
        }
    }

    /** The store, for tools and tests that inspect it directly. */
    public Database database() { return database; }

    /** Starts the HTTPS device listener with the configured or generated TLS certificate. */
    public DeviceListener startDeviceListener() {
        ServerCertificate certificate;
        try {
            certificate = config.tlsCertificate() != null
                    ? ServerCertificate.fromPem(config.tlsCertificate(), config.tlsKey())
                    : ServerCertificate.loadOrCreate(config.dataDir().resolve("tls"), config.tlsNames());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the TLS certificate", e);
        }
        return DeviceListener.start(config.host(), config.port(), certificate, challenges, attestations, receipts);
    }

    /** Production reports per order, CM, product and time range. */
    public Reports reports() { return reports; }

    /** The admin operations with their role checks and audit. */
    public AdminService admin() { return admin; }

    /** Starts the mTLS admin listener (same server certificate as the device listener; operator CA created on first use). */
    public AdminListener startAdminListener(AdminConfig admin) {
        try {
            ServerCertificate certificate = config.tlsCertificate() != null
                    ? ServerCertificate.fromPem(config.tlsCertificate(), config.tlsKey())
                    : ServerCertificate.loadOrCreate(config.dataDir().resolve("tls"), config.tlsNames());
            return AdminListener.start(admin.host(), admin.port(), certificate, OperatorCa.loadOrCreate(config.dataDir()),
                    this.admin);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS certificate or the operator CA", e);
        }
    }

    @Override
    public void close() {
        policies.close();
        if (alerts != null) {
            alerts.close();
        }
        database.close();
    }
}
