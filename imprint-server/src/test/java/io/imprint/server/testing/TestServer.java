package io.imprint.server.testing;

import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.ratelimit.RateLimits;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.policy.SoftwareRule;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.mp.Mpmr;
import java.util.List;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A running server on loopback with one product (enrolled with a test MP key) and a client that
 * pins its certificate. On PostgreSQL it uses a fresh schema dropped on close.
 */
public final class TestServer implements AutoCloseable {
    public static final String PRODUCT = "gateway-x";
    /** Allows what {@link TestDevice} sends: software 1.0.0, lifecycle closed, MPMR all zeros. */
    public static final ProductPolicy POLICY = new ProductPolicy(SoftwareRule.parse("1.0.0"), List.of(), false,
            List.of(Mpmr.ZEROS), null);

    private final Imprint imprint;
    private final DeviceListener listener;
    private final DeviceClient client;
    private final KeyPair mpKey;
    private final TestDatabases.PostgresSchema schema;

    private TestServer(Imprint imprint, DeviceListener listener, DeviceClient client, KeyPair mpKey,
                       TestDatabases.PostgresSchema schema) {
        this.imprint = imprint;
        this.listener = listener;
        this.client = client;
        this.mpKey = mpKey;
        this.schema = schema;
    }

    /** On SQLite in {@code dataDir}. */
    public static TestServer sqlite(Path dataDir) throws Exception {
        return start(ServerConfig.defaults(dataDir).withPort(0), null);
    }

    /** On a fresh PostgreSQL schema ({@code IMPRINT_TEST_PG_URL} must be set). */
    public static TestServer postgres(Path dataDir) throws Exception {
        TestDatabases.PostgresSchema schema = TestDatabases.freshSchema();
        return start(ServerConfig.defaults(dataDir).withPort(0).withDatabaseUrl(schema.url()), schema);
    }

    /** With any configuration (port 0 recommended); {@code schema} is dropped on close when given. */
    public static TestServer start(ServerConfig config, TestDatabases.PostgresSchema schema) throws Exception {
        return start(config, schema, RateLimits.DEFAULTS);
    }

    /** As above, the device listener admitting requests within {@code limits}. */
    public static TestServer start(ServerConfig config, TestDatabases.PostgresSchema schema, RateLimits limits)
            throws Exception {
        Imprint imprint = Imprint.openOrCreate(config);
        KeyPair mpKey = TestDevice.newMpKey();
        imprint.products().enroll(new ProductEnrollment(PRODUCT, "MIMX8MM6DVTLZAA",
                HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(mpKey), null, POLICY));
        DeviceListener listener = imprint.startDeviceListener(limits);
        DeviceClient client = new DeviceClient("127.0.0.1", listener.port(), listener.certificatePem());
        return new TestServer(imprint, listener, client, mpKey, schema);
    }

    /** Creates an open order of the test product. */
    public Order order(String name, long quantity, String range) {
        return imprint.orders().create(new OrderRequest(name, PRODUCT, "Acme EMS", quantity, range));
    }

    /** A new device of the test product with a random chip ID. */
    public TestDevice device() throws GeneralSecurityException {
        return TestDevice.random(mpKey, PRODUCT);
    }

    /** A new device issued {@code serial} (or the order's next, for "") over the network, its receipt not yet sent. */
    public TestDevice issued(String serial) throws Exception {
        TestDevice device = device();
        client.provisioning(client.attest(device.attest(client.challenge(PRODUCT), serial).request()));
        return device;
    }

    /** A new device provisioned as {@code serial} (or the order's next, for "") over the network, receipt confirmed. */
    public TestDevice provisioned(String serial) throws Exception {
        TestDevice device = device();
        TestDevice.Attestation a = device.attest(client.challenge(PRODUCT), serial);
        ProvisioningResponse response = client.provisioning(client.attest(a.request()));
        DeviceClient.Reply receipt = client.receipt(device.receipt(response, a.open(response)));
        if (receipt.status() != 200) {
            throw new IllegalStateException("receipt refused: " + receipt.body());
        }
        return device;
    }

    public Imprint imprint() { return imprint; }

    public DeviceListener listener() { return listener; }

    public DeviceClient client() { return client; }

    public KeyPair mpKey() { return mpKey; }

    @Override
    public void close() throws SQLException {
        listener.stop();
        imprint.close();
        if (schema != null) {
            schema.close();
        }
    }
}
