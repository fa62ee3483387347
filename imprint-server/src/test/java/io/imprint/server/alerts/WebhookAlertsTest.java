package io.imprint.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.products.ProductEnrollment;
import io.imprint.server.testing.DeviceClient;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.tls.ServerCertificate;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookAlertsTest {
    @TempDir Path dir;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Test
    void refusal_receiverFailsFirst_deliveredAfterRetryWithClassAndCode() throws Exception {
        failuresLeft.set(2);
        String correlationId;
        ServerCertificate cert = ServerCertificate.loadOrCreate(dir.resolve("receiver"), List.of());
        HttpsServer receiver = receiver(cert);
        try {
            URI hook = URI.create("https://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
            try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir.resolve("data")).withPort(0),
                    AlertConfig.webhook(hook, null, cert.fingerprint()).withRetries(5, Duration.ofMillis(50),
                            Duration.ofMillis(200)))) {
                Line line = line(imprint);
                DeviceClient.Reply refused = line.send("SN999999");
                assertThat(refused.status()).isEqualTo(403);
                correlationId = line.client.problem(refused).correlationId();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                line.listener.stop();
            }
        } finally {
            receiver.stop(0);
        }
        assertThat(failuresLeft.get()).isZero();
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).containsEntry("class", "out-of-range").containsEntry("code",
                "serial-not-authorized").containsEntry("serial", "SN999999").containsEntry("product", "gateway-x")
                .containsKeys("chip", "time", "correlation", "order")
                .containsEntry("correlationId", correlationId);
    }

    @Test
    void provisioning_receiverDown_notBlockedAndAlertKeptInOutbox() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI hook = URI.create("https://127.0.0.1:" + closedPort + "/alerts");
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir.resolve("data")).withPort(0),
                AlertConfig.webhook(hook, null, "00".repeat(32)).withRetries(3, Duration.ofSeconds(30),
                        Duration.ofSeconds(60)))) {
            Line line = line(imprint);
            imprint.orders().create(new io.imprint.server.orders.OrderRequest("PO-1", "gateway-x", "Acme EMS", 5,
                    "SN000001..SN000005"));
            for (int i = 0; i < 5; i++) {
                assertThat(line.attempt("SN99999" + i)).isEqualTo(403);
            }
            assertThat(line.attempt("SN000001")).isEqualTo(200);
            line.listener.stop();
            Map<String, Long> states = imprint.database().autoCommit(c -> new AlertOutbox().countsByState(c));
            assertThat(states.getOrDefault("pending", 0L)).isEqualTo(5L);
            assertThat(states).doesNotContainKey("delivered");
        }
    }

    private HttpsServer receiver(ServerCertificate cert) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(cert.keyStore(new char[0]), new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLSv1.3");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        ObjectMapper json = new ObjectMapper();
        server.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            if (status == 204) {
                @SuppressWarnings("unchecked")
                Map<String, String> alert = json.readValue(body, Map.class);
                received.add(alert);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static Line line(Imprint imprint) throws Exception {
        KeyPair mpKey = TestDevice.newMpKey();
        imprint.products().enroll(new ProductEnrollment("gateway-x", "MIMX8MM6DVTLZAA",
                HexFormat.of().formatHex(TestDevice.SRK_HASH), TestDevice.publicKeyHex(mpKey), null,
                io.imprint.server.testing.TestServer.POLICY));
        DeviceListener listener = imprint.startDeviceListener();
        return new Line(listener, new DeviceClient("127.0.0.1", listener.port(), listener.certificatePem()), mpKey);
    }

    /** A device listener and a client that provisions fresh test devices. */
    record Line(DeviceListener listener, DeviceClient client, KeyPair mpKey) {
        int attempt(String serial) throws Exception {
            return send(serial).status();
        }

        DeviceClient.Reply send(String serial) throws Exception {
            ChallengeResponse challenge = client.challenge("gateway-x");
            return client.attest(TestDevice.random(mpKey, "gateway-x").attest(challenge, serial).request());
        }
    }
}
