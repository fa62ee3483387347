package io.imprint.server.testing;

import io.imprint.server.admin.AdminConfig;
import io.imprint.server.admin.AdminListener;
import io.imprint.server.admin.Operator;
import io.imprint.server.admin.OperatorCa;
import io.imprint.server.admin.OperatorCredential;
import io.imprint.server.admin.Role;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link TestServer} with its admin listener (which serves the console) and the operator CA to issue
 * operator certificates: {@code oem-admin} alice, {@code auditor} carol, {@code cm-operator} bob of
 * "Acme EMS" (the CM of {@link TestServer#order}) and dave of "Other EMS". For the console tests, the
 * HTTP ones and the browser ones.
 */
public final class ConsoleServer implements AutoCloseable {
    public static final String ACME = "Acme EMS";
    public static final String OTHER = "Other EMS";
    private final TestServer server;
    private final AdminListener admin;
    private final OperatorCa ca;
    private final Path dataDir;

    private ConsoleServer(TestServer server, AdminListener admin, OperatorCa ca, Path dataDir) {
        this.server = server;
        this.admin = admin;
        this.ca = ca;
        this.dataDir = dataDir;
    }

    /** Starts on SQLite in {@code dataDir}: device listener and admin listener on ephemeral loopback ports. */
    public static ConsoleServer sqlite(Path dataDir) throws Exception {
        TestServer server = TestServer.sqlite(dataDir);
        AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        return new ConsoleServer(server, admin, OperatorCa.loadOrCreate(dataDir), dataDir);
    }

    /** Starts on a fresh PostgreSQL schema ({@code IMPRINT_TEST_PG_URL}), key files in {@code dataDir}. */
    public static ConsoleServer postgres(Path dataDir) throws Exception {
        TestServer server = TestServer.postgres(dataDir);
        AdminListener admin = server.imprint().startAdminListener(new AdminConfig("127.0.0.1", 0));
        return new ConsoleServer(server, admin, OperatorCa.loadOrCreate(dataDir), dataDir);
    }

    /** {@code https://127.0.0.1:<admin port>}; the console is under {@code /console/}. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + admin.port());
    }

    /** SHA-256 of the server certificate, to pin. */
    public String fingerprint() {
        return admin.fingerprint();
    }

    /** A certificate for {@code name} with {@code role} ({@code cm} for cm-operators, else null), valid a day. */
    public OperatorCredential operator(String name, Role role, String cm) throws Exception {
        return ca.issue(new Operator(name, role, cm), Duration.ofDays(1));
    }

    /** Writes the operator's {@code <prefix>.p12} (and .crt, .key, operator-ca.crt) for a browser. */
    public Path p12(String name, Role role, String cm, Path prefix, char[] password) throws Exception {
        operator(name, role, cm).write(prefix, password);
        return Path.of(prefix + ".p12");
    }

    public ConsoleClient client(String name, Role role, String cm) throws Exception {
        return new ConsoleClient(url(), operator(name, role, cm), fingerprint());
    }

    public ConsoleClient alice() throws Exception { return client("alice", Role.OEM_ADMIN, null); }

    public ConsoleClient carol() throws Exception { return client("carol", Role.AUDITOR, null); }

    public ConsoleClient bob() throws Exception { return client("bob", Role.CM_OPERATOR, ACME); }

    public ConsoleClient dave() throws Exception { return client("dave", Role.CM_OPERATOR, OTHER); }

    public TestServer server() { return server; }

    public AdminListener admin() { return admin; }

    public Path dataDir() { return dataDir; }

    @Override
    public void close() throws Exception {
        admin.stop();
        server.close();
    }
}
