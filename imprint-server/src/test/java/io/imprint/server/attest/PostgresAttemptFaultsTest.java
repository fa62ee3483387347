package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.message.ChallengeRequest;
import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDatabases;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link AttemptFaultsContract} on PostgreSQL ({@code IMPRINT_TEST_PG_URL}, skipped when unset), and
 * what needs a server that locks rows and ends sessions: an attempt that outlives its challenge while
 * waiting on a lock, backends terminated under a running server. Only this test's own backends are
 * touched, found by their application name.
 */
class PostgresAttemptFaultsTest extends AttemptFaultsContract {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final String application = "imprint-test-" + HexFormat.of().formatHex(Providers.randomBytes(6));
    private TestDatabases.PostgresSchema schema;

    @Override
    protected TestServer start(Path dataDir) throws Exception {
        assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.PG_ENV + " not set");
        return start(config(dataDir));
    }

    private TestServer start(ServerConfig config) throws Exception {
        schema = TestDatabases.freshSchema();
        return TestServer.start(config.withDatabaseUrl(schema.url() + "&ApplicationName=" + application), schema);
    }

    @Override
    Connection foreignConnection() throws SQLException {
        Connection c = DriverManager.getConnection(schema.url());
        c.setAutoCommit(false);
        return c;
    }

    @Override
    void lockUnits(Connection foreign) throws SQLException {
        try (Statement s = foreign.createStatement()) {
            s.execute("LOCK TABLE units IN EXCLUSIVE MODE");
        }
    }

    @Override
    boolean eventsWritableWhileUnitsLocked() {
        return true;
    }

    @Test
    void attest_waitsOnLockPastChallengeExpiry_unavailableAndNothingCommitted() throws Exception {
        server.close();
        // A fresh data directory: the closed server's keys belong to the store in its (dropped) schema.
        server = start(ServerConfig.defaults(dir.resolve("second")).withPort(0).withClock(clock)); // 60 s challenges: 30 s lock timeout
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        ChallengeResponse challenge = challenge();
        Reply reply;
        try (Connection foreign = foreignConnection()) {
            lockUnits(foreign);
            CompletableFuture<Reply> attempt = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.client().attest(device.attest(challenge, "SN000001").request());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitServerWaitingOnLock();
            clock.advance(ServerConfig.DEFAULT_CHALLENGE_TTL.plusSeconds(1));
            foreign.rollback();
            reply = attempt.get(60, TimeUnit.SECONDS);
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(server.client().problem(reply).code()).isEqualTo("unavailable");
        assertThat(server.imprint().events().unitsByState(null, null)).isEmpty();
        assertThat(server.imprint().orders().get("o1").used()).isZero();
        assertThat(server.imprint().events().countsByOutcome(null, null)).isEqualTo(Map.of("unavailable", 1L));
    }

    @Test
    void listenerStop_attemptWaitingOnLock_finishesBeforeTheListenerCloses() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        ChallengeResponse challenge = challenge();
        CompletableFuture<Void> stopped;
        Reply reply;
        try (Connection foreign = foreignConnection()) {
            lockUnits(foreign);
            CompletableFuture<Reply> attempt = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.client().attest(device.attest(challenge, "SN000001").request());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitServerWaitingOnLock();
            stopped = CompletableFuture.runAsync(server.listener()::stop);
            awaitConnectionsRefused(server.listener().port());
            foreign.rollback();
            reply = attempt.get(60, TimeUnit.SECONDS);
        }

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        stopped.get(60, TimeUnit.SECONDS);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("issued", 1L));
    }

    @Test
    void provision_afterServerBackendsTerminated_noInternalErrorAndDeviceProvisioned() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        provisionTolerating503(server.device(), "SN000001", new ArrayList<>());
        assertThat(terminateServerBackends()).isPositive();

        List<Integer> statuses = new ArrayList<>();
        provisionTolerating503(server.device(), "SN000002", statuses);

        assertThat(statuses).doesNotContain(500);
        assertThat(statuses.stream().filter(s -> s == 503)).hasSizeLessThanOrEqualTo(1);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 2L));
    }

    /** The device's way through a store outage: a 503 is sent again (challenges and receipts) or started over. */
    private void provisionTolerating503(TestDevice device, String serial, List<Integer> statuses) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            Reply c = server.client().postJson(DeviceApi.CHALLENGES, new ChallengeRequest(TestServer.PRODUCT));
            statuses.add(c.status());
            if (c.status() == 503) {
                continue;
            }
            assertThat(c.status()).as("challenge: " + statuses).isEqualTo(200);
            ChallengeResponse challenge = JSON.readValue(c.body(), ChallengeResponse.class);
            TestDevice.Attestation a = device.attest(challenge, serial);
            Reply issued = server.client().attest(a.request());
            statuses.add(issued.status());
            if (issued.status() == 503) {
                continue;
            }
            ProvisioningResponse response = server.client().provisioning(issued);
            for (int r = 0; r < 2; r++) {
                Reply receipt = server.client().receipt(device.receipt(response, a.open(response)));
                statuses.add(receipt.status());
                if (receipt.status() == 200) {
                    return;
                }
            }
        }
        throw new AssertionError("device not provisioned: " + statuses);
    }

    private void awaitServerWaitingOnLock() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity "
                     + "WHERE application_name = ? AND wait_event_type = 'Lock'")) {
            s.setString(1, application);
            for (int i = 0; i < 3000; i++) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the attempt never waited on the lock");
    }

    /** A stopping listener first closes its acceptor: from then on a new connection is refused. */
    private static void awaitConnectionsRefused(int port) throws Exception {
        for (int i = 0; i < 3000; i++) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException refused) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the listener kept accepting connections");
    }

    private int terminateServerBackends() throws SQLException {
        return TestDatabases.terminateBackends(application);
    }
}
