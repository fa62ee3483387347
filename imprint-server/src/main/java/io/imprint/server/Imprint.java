package io.imprint.server;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.admin.AdminService;
import io.imprint.server.admin.ChainedAdminAudit;
import io.imprint.server.admin.JdbcAdminAudit;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.console.ConsoleRouting;
import io.imprint.server.console.ConsoleService;
import io.imprint.server.alerts.AlertConfig;
import io.imprint.server.alerts.AlertOutbox;
import io.imprint.server.alerts.AlertingEventRepository;
import io.imprint.server.alerts.WebhookAlerts;
import io.imprint.server.attest.Attestations;
import io.imprint.server.attest.CaamMpVerifier;
import io.imprint.server.attest.ChallengePurge;
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
import io.imprint.server.events.RefusalSampler;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.issuance.DeviceCertificates;
import io.imprint.server.issuance.FileKeyEscrow;
import io.imprint.server.issuance.ProductCaStore;
import io.imprint.server.orders.Orders;
import io.imprint.server.products.Products;
import io.imprint.server.ratelimit.RateLimiter;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.reports.Reports;
import io.imprint.server.store.Database;
import io.imprint.server.store.JdbcBundleRepository;
import io.imprint.server.store.EventRepository;
import io.imprint.server.store.JdbcChallengeRepository;
import io.imprint.server.store.JdbcEventRepository;
import io.imprint.server.store.JdbcOrderRepository;
import io.imprint.server.store.JdbcProductRepository;
import io.imprint.server.store.JdbcUnitRepository;
import io.imprint.server.files.KeyFileException;
import io.imprint.server.startup.OpenMode;
import io.imprint.server.startup.OpenedStore;
import io.imprint.server.startup.StoreOpener;
import io.imprint.server.startup.StoreStartException;
import io.imprint.server.tls.ServerCertificate;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * The composition root: opens the store ({@link OpenMode}: only the server, {@code init} and the demo
 * create one) and wires every service through constructors.
 */
public final class Imprint implements AutoCloseable {
    /** Challenge refusals recorded one by one per code, node and minute (docs/protocol.md, "Problem codes"). */
    private static final int CHALLENGE_REFUSALS_PER_MINUTE = 60;
    private static final int RATE_LIMITED_PER_MINUTE = 1;
    private final ServerConfig config;
    private final OpenedStore store;
    private final Database database;
    private final Products products;
    private final Orders orders;
    private final EventLog events;
    private final AuditTrail audit;
    private final Challenges challenges;
    private final ChallengePurge challengePurge;
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
    private final ConsoleService console;

    private Imprint(ServerConfig config, AlertConfig alertConfig, OpenedStore store) {
        this.config = config;
        this.store = store;
        this.database = store.database();
        this.alerts = alertConfig.enabled()
                ? new WebhookAlerts(database, new AlertOutbox(), alertConfig, java.time.Clock.systemUTC()) : null;
        EventRepository eventRepository = alerts == null ? new JdbcEventRepository()
                : new AlertingEventRepository(new JdbcEventRepository(), new AlertOutbox(), java.time.Clock.systemUTC(),
                        alerts::wake);
        JdbcUnitRepository units = new JdbcUnitRepository();
        JdbcOrderRepository orderRepository = new JdbcOrderRepository();
        ProductCaStore cas = store.keys().productCas();
        FileKeyEscrow escrow = store.keys().escrow();
        JdbcPolicyRepository policyRepository = new JdbcPolicyRepository();
        ReprovisionRepository reprovisionRepository = new ReprovisionRepository();
        this.products = new Products(database, new JdbcProductRepository(), cas, policyRepository);
        this.auditKey = store.keys().auditKey();
        this.audit = new AuditTrail(database, auditKey, config.clock(), AuditTrail.DEFAULT_CHECKPOINT_INTERVAL);
        this.events = new EventLog(database, eventRepository, units, audit, config.clock());
        this.orders = new Orders(database, orderRepository, products,
                new Reconciliations(database, new ReconciliationRepository(), auditKey), events, config.clock());
        this.policies = new Policies(database, policyRepository, events, config.clock());
        this.reprovisioning = new Reprovisioning(database, reprovisionRepository, units, products, events,
                config.clock());
        JdbcChallengeRepository challengeRepository = new JdbcChallengeRepository();
        this.challenges = new Challenges(database, challengeRepository, products, config.challengeTtl(),
                config.maxOutstandingChallenges(), config.clock(), events,
                new RefusalSampler(config.clock(), CHALLENGE_REFUSALS_PER_MINUTE, RATE_LIMITED_PER_MINUTE));
        this.challengePurge = new ChallengePurge(database, challengeRepository, config.clock());
        UnitIssuer issuer = new UnitIssuer(database, units, orderRepository, reprovisionRepository, cas,
                new DeviceCertificates(config.certificateValidity()), escrow, events, config.clock());
        this.attestations = new Attestations(products, new CaamMpVerifier(), challenges, issuer, events,
                policies);
        this.receipts = new Receipts(database, units, products, escrow, events, config.clock());
        JdbcBundleRepository bundleRepository = new JdbcBundleRepository();
        this.bundles = new BundleRegistry(database, bundleRepository, orders, products, config.clock());
        this.receiptImport = new ReceiptImport(database, bundleRepository, units, orderRepository, products, bundles,
                events, config.clock());
        this.reports = new Reports(database, orders, products);
        this.admin = new AdminService(database, products, policies, orders, reprovisioning, events, reports, audit,
                new ChainedAdminAudit(audit, new JdbcAdminAudit(config.clock())));
        this.console = new ConsoleService(admin, orders, database, config.clock());
        if (alerts != null) {
            alerts.start(); // last: a failure above must not leave a sender thread behind
        }
    }

    /**
     * Opens the existing store of {@code config} (migrating its schema) and wires the services. Creates
     * nothing: no store there, a damaged database or keys that are missing or belong to another store
     * are a {@link StoreStartException} with one line naming the file.
     */
    public static Imprint open(ServerConfig config) {
        return open(config, AlertConfig.NONE, OpenMode.EXISTING);
    }

    /** {@link #open(ServerConfig)}, delivering refusal alerts as {@code alerts} says. */
    public static Imprint open(ServerConfig config, AlertConfig alerts) {
        return open(config, alerts, OpenMode.EXISTING);
    }

    /** Opens the store of {@code config}, creating it (database and keys) when there is none: the server and the demo. */
    public static Imprint openOrCreate(ServerConfig config) {
        return open(config, AlertConfig.NONE, OpenMode.CREATE_IF_ABSENT);
    }

    /** {@link #openOrCreate(ServerConfig)}, delivering refusal alerts as {@code alerts} says. */
    public static Imprint openOrCreate(ServerConfig config, AlertConfig alerts) {
        return open(config, alerts, OpenMode.CREATE_IF_ABSENT);
    }

    /** Creates a new store (database and keys); an existing one is refused. */
    public static Imprint create(ServerConfig config) {
        return open(config, AlertConfig.NONE, OpenMode.CREATE_NEW);
    }

    private static Imprint open(ServerConfig config, AlertConfig alerts, OpenMode mode) {
        OpenedStore store = StoreOpener.open(config, mode);
        try {
            return new Imprint(config, alerts, store);
        } catch (RuntimeException e) {
            store.database().close();
            throw e;
        }
    }

    /** What opening found and made: store id, location, files created, warnings for the operator. */
    public OpenedStore store() { return store; }

    public ServerConfig config() { return config; }

    public Products products() { return products; }

    public Orders orders() { return orders; }

    /** Event log and reports (counts by outcome, units by state, recent events). */
    public EventLog events() { return events; }

    /** The hash-chained audit trail: append, checkpoint, export, verify. */
    public AuditTrail audit() { return audit; }

    public Challenges challenges() { return challenges; }

    /** Deletion of expired challenges; runs on its own while a device listener is up. */
    public ChallengePurge challengePurge() { return challengePurge; }

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

    /** The store, for tools and tests that inspect it directly. */
    public Database database() { return database; }

    /** Starts the HTTPS device listener with the default rate limits. */
    public DeviceListener startDeviceListener() {
        return startDeviceListener(RateLimits.DEFAULTS);
    }

    /**
     * Starts the HTTPS device listener with the configured or generated TLS certificate, admitting
     * requests within {@code limits}, and the periodic purge of expired challenges.
     */
    public DeviceListener startDeviceListener(RateLimits limits) {
        DeviceListener listener = DeviceListener.start(config.host(), config.port(), serverCertificate(), challenges,
                attestations, receipts, new RateLimiter(limits, System::nanoTime));
        challengePurge.start();
        return listener;
    }

    private ServerCertificate serverCertificate() {
        try {
            return config.tlsCertificate() != null
                    ? ServerCertificate.fromPem(config.tlsCertificate(), config.tlsKey())
                    : ServerCertificate.loadOrCreate(config.dataDir().resolve("tls"), config.tlsNames());
        } catch (KeyFileException e) {
            throw new StoreStartException(e.getMessage(), e);
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreStartException("cannot load or create the TLS certificate in " + config.dataDir().resolve("tls")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Production reports per order, CM, product and time range. */
    public Reports reports() { return reports; }

    /** The admin operations with their role checks and audit. */
    public AdminService admin() { return admin; }

    /** Starts the mTLS admin listener (same server certificate as the device listener), trusting the store's operator CA. */
    public AdminListener startAdminListener(AdminConfig admin) {
        OperatorCa operatorCa = store.keys().operatorCa().orElseThrow(() -> new StoreStartException(
                OperatorCa.certificateFile(config.dataDir()) + ": no such file (the operator CA certificate, which the "
                        + "admin listener trusts); start 'imprint server' once to create it"));
        return AdminListener.start(admin.host(), admin.port(), serverCertificate(), operatorCa, this.admin,
                cfg -> ConsoleRouting.install(cfg, console));
    }

    @Override
    public void close() {
        challengePurge.close();
        policies.close();
        if (alerts != null) {
            alerts.close();
        }
        database.close();
    }
}
