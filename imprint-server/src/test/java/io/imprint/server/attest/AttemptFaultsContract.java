package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.protocol.message.ChallengeResponse;
import io.imprint.protocol.message.DeviceApi;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.message.ReceiptRequest;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.MutableClock;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A genuine device that keeps retrying through store faults is never raised as a clone or a replay,
 * run against every database: attempts of one chip that commit out of order, receipts of any session
 * that delivered the unit's identity, a store that is briefly unavailable (503, Retry-After).
 */
abstract class AttemptFaultsContract extends ServerContract {
    /** Short challenges, so the store's lock timeout (half the TTL) is one second. */
    static final Duration TTL = Duration.ofSeconds(2);
    final MutableClock clock = new MutableClock(Instant.now());

    /** The configuration every variant starts from. */
    ServerConfig config(Path dataDir) {
        return ServerConfig.defaults(dataDir).withPort(0).withClock(clock).withChallengeTtl(TTL);
    }

    /** Opens a connection of another client to this variant's database. */
    abstract Connection foreignConnection() throws SQLException;

    /** Holds, on {@code foreign}, a lock that blocks writing the units table until rolled back. */
    abstract void lockUnits(Connection foreign) throws SQLException;

    /** Whether events can still be written while {@link #lockUnits} holds (PostgreSQL locks one table only). */
    abstract boolean eventsWritableWhileUnitsLocked();

    @Test
    void attest_olderAttemptCommitsLast_newerSessionKeptAndItsReceiptAccepted() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        ChallengeResponse older = challenge();
        clock.advance(Duration.ofMillis(500));
        TestDevice.Attestation newer = device.attest(challenge(), "SN000001");

        ProvisioningResponse completed = server.client().provisioning(server.client().attest(newer.request()));
        // The attempt the device gave up on commits only now (it waited on a lock meanwhile).
        Reply late = server.client().attest(device.attest(older, "SN000001").request());
        assertThat(late.status()).as(late.body()).isEqualTo(200);

        Reply receipt = server.client().receipt(device.receipt(completed, newer.open(completed)));
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));
        assertThat(server.imprint().events().countsByOutcome(null, null)).isEqualTo(
                Map.of("issued", 1L, "reissued", 1L, "provisioned", 1L));
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
    }

    @Test
    void attest_olderAttemptAfterProvisioned_supersededNotCloneThenNewAttemptClone() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        ChallengeResponse older = challenge();
        clock.advance(Duration.ofMillis(500));
        TestDevice.Attestation newer = device.attest(challenge(), "SN000002");
        ProvisioningResponse completed = server.client().provisioning(server.client().attest(newer.request()));
        assertThat(server.client().receipt(device.receipt(completed, newer.open(completed))).status()).isEqualTo(200);

        Reply late = server.client().attest(device.attest(older, "SN000002").request());

        assertThat(server.client().problem(late).code()).isEqualTo("superseded");
        assertThat(server.imprint().events().countsByOutcome(null, null)).doesNotContainKey("chip-already-provisioned");
        clock.advance(Duration.ofMillis(500));
        Reply again = server.client().attest(device.attest(challenge(), "SN000002").request());
        assertThat(server.client().problem(again).code()).isEqualTo("chip-already-provisioned");
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));
    }

    @Test
    void receipt_ofEarlierSessionThatDeliveredSameIdentity_acceptedAndRepeatable() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation first = device.attest(challenge(), "SN000003");
        ProvisioningResponse kept = server.client().provisioning(server.client().attest(first.request()));
        clock.advance(Duration.ofMillis(500));
        server.client().provisioning(server.client().attest(device.attest(challenge(), "SN000003").request()));

        ReceiptRequest receipt = device.receipt(kept, first.open(kept));
        Reply accepted = server.client().receipt(receipt);
        Reply repeated = server.client().receipt(receipt);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(200);
        assertThat(server.imprint().events().countsByOutcome(null, null))
                .containsEntry("provisioned", 1L).containsEntry("receipt-repeated", 1L)
                .doesNotContainKey("session-not-issued");
    }

    @Test
    void receipt_storeLockedPastTimeout_unavailableWithRetryAfterThenAccepted() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation a = device.attest(challenge(), "SN000004");
        ProvisioningResponse response = server.client().provisioning(server.client().attest(a.request()));
        ReceiptRequest receipt = device.receipt(response, a.open(response));

        Reply refused;
        String retryAfter;
        try (Connection foreign = foreignConnection()) {
            lockUnits(foreign);
            refused = server.client().receipt(receipt);
            retryAfter = server.client().retryAfter(DeviceApi.RECEIPTS, receipt);
            foreign.rollback();
        }

        assertThat(refused.status()).isEqualTo(503);
        assertThat(server.client().problem(refused).code()).isEqualTo("unavailable");
        assertThat(retryAfter).matches("[1-9][0-9]*");
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("issued", 1L));
        if (eventsWritableWhileUnitsLocked()) {
            assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("unavailable", 2L);
        }
        Reply retried = server.client().receipt(receipt);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));
    }

    ChallengeResponse challenge() throws Exception {
        return server.client().challenge(TestServer.PRODUCT);
    }
}
