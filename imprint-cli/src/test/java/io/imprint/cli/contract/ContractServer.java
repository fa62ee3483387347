package io.imprint.cli.contract;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.orders.Order;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.products.ProductEnrollment;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server for the contract suite: SQLite in a temporary directory, the device API over TLS 1.3
 * on loopback, and a client pinning its certificate. Every test enrolls its own product, so tests
 * share the server but no state.
 */
final class ContractServer implements AutoCloseable {
    static final SecretTemplate SECRETS = SecretTemplate.parse("disk-encryption-key:random:32,cloud-token:random:16");
    private final Imprint imprint;
    private final DeviceListener listener;
    private final ProvisioningClient client;
    private final AtomicInteger products = new AtomicInteger();

    ContractServer(Path dataDir) throws Exception {
        this.imprint = Imprint.openOrCreate(ServerConfig.defaults(dataDir).withPort(0));
        this.listener = imprint.startDeviceListener();
        this.client = new ProvisioningClient(URI.create("https://127.0.0.1:" + listener.port()),
                ServerTrust.pinned(listener.fingerprint()), RetryPolicy.defaults());
    }

    Imprint imprint() {
        return imprint;
    }

    ProvisioningClient client() {
        return client;
    }

    /** Enrolls a fresh product accepting {@code line}'s devices, with an open order of {@code quantity} in SN000001..SN000099. */
    String product(DeviceLine line, long quantity) throws Exception {
        String name = "contract-" + products.incrementAndGet();
        imprint.products().enroll(line.enrollment(name, SECRETS, line.policy()));
        order(name, quantity);
        return name;
    }

    /** Enrolls {@code enrollment} with an open order of {@code quantity} in SN000001..SN000099. */
    String product(ProductEnrollment enrollment, long quantity) {
        imprint.products().enroll(enrollment);
        order(enrollment.name(), quantity);
        return enrollment.name();
    }

    String nextName() {
        return "contract-" + products.incrementAndGet();
    }

    Order order(String product) {
        return imprint.orders().list(product).get(0);
    }

    private void order(String product, long quantity) {
        imprint.orders().create(new OrderRequest("PO-" + product, product, "acme-ems", quantity, "SN000001..SN000099"));
    }

    @Override
    public void close() throws Exception {
        client.close();
        listener.close();
        imprint.close();
    }
}
