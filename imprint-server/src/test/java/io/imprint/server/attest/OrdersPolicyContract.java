package io.imprint.server.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.policy.SoftwareRule;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.ServerContract;
import io.imprint.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Order life cycle, server-assigned serials, policy rules and re-provisioning, run against every database. */
abstract class OrdersPolicyContract extends ServerContract {

    private Reply attest(TestDevice device, String serial) throws Exception {
        return server.client().attest(device.attest(server.client().challenge(TestServer.PRODUCT), serial).request());
    }

    private String code(Reply reply) throws Exception {
        return reply.status() == 200 ? "ok" : server.client().problem(reply).code();
    }

    private String detail(Reply reply) throws Exception {
        return server.client().problem(reply).detail();
    }

    private void serverOrder(String name, long quantity, String range) {
        server.imprint().orders().create(new OrderRequest(name, TestServer.PRODUCT, "Acme EMS", quantity, range,
                "server", null, null, false));
    }

    private void policy(ProductPolicy p) {
        server.imprint().policies().set(TestServer.PRODUCT, p);
    }

    private static ProductPolicy allow(String software, List<String> metadata, boolean development, Mpmr... mpmr) {
        return new ProductPolicy(SoftwareRule.parse(software), metadata, development, List.of(mpmr), null);
    }

    @Test
    void create_rangeDifferingOnlyInZeroPadding_conflictAndNothingCreated() {
        server.order("o1", 1000, "SN000001..SN001000");

        assertThatThrownBy(() -> server.order("o2", 16, "SN00995..SN01010"))
                .isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code().slug()).isEqualTo("conflict");
                    assertThat(e.detail()).contains("overlaps order o1");
                });
        assertThat(server.imprint().orders().list(null)).extracting(o -> o.name()).containsExactly("o1");
        server.order("o3", 10, "SN01001..SN01010");
    }

    @Test
    void attest_serverSerialsLastUnitsRace_exactlyQuantityUniqueSerialsInRange() throws Exception {
        serverOrder("o1", 5, "AB0001..AB0100");
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        Set<String> serials = ConcurrentHashMap.newKeySet();
        List<Callable<Integer>> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(() -> {
                Reply reply = attest(server.device(), "");
                if (reply.status() == 200) {
                    serials.add(server.client().provisioning(reply).serial());
                } else {
                    codes.merge(code(reply), 1, Integer::sum);
                }
                return reply.status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(5);
        assertThat(serials).containsExactlyInAnyOrder("AB0001", "AB0002", "AB0003", "AB0004", "AB0005");
        assertThat(codes).isEqualTo(Map.of("quota-exhausted", 35));
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(5);
    }

    @Test
    void attest_serverSerialRetry_sameSerialAndSecrets() throws Exception {
        serverOrder("o1", 3, "AB0001..AB0010");
        TestDevice device = server.device();
        TestDevice.Attestation first = device.attest(server.client().challenge(TestServer.PRODUCT), "");
        ProvisioningResponse r1 = server.client().provisioning(server.client().attest(first.request()));
        TestDevice.Attestation second = device.attest(server.client().challenge(TestServer.PRODUCT), "");
        ProvisioningResponse r2 = server.client().provisioning(server.client().attest(second.request()));
        assertThat(r1.serial()).isEqualTo("AB0001");
        assertThat(r2.serial()).isEqualTo("AB0001");
        assertThat(second.open(r2).value("disk-encryption-key")).isEqualTo(first.open(r1).value("disk-encryption-key"));
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
        assertThat(code(attest(server.device(), "AB0005"))).as("the CM cannot choose a serial").isEqualTo("serial-not-authorized");
        assertThat(code(attest(server.device(), ""))).isEqualTo("ok");
    }

    @Test
    void attest_emptySerialWithoutServerOrder_serialNotAuthorized() throws Exception {
        server.order("o1", 3, "SN000001..SN000010");
        assertThat(code(attest(server.device(), ""))).isEqualTo("serial-not-authorized");
        assertThat(code(attest(server.device(), "SN000099"))).isEqualTo("serial-not-authorized");
    }

    @Test
    void attest_orderDraftSuspendedClosed_orderInactiveThenResumed() throws Exception {
        server.imprint().orders().create(new OrderRequest("o1", TestServer.PRODUCT, "Acme EMS", 5,
                "SN000001..SN000010", "device", null, null, true));
        assertThat(code(attest(server.device(), "SN000001"))).isEqualTo("order-inactive");
        server.imprint().orders().open("o1");
        assertThat(code(attest(server.device(), "SN000001"))).isEqualTo("ok");
        server.imprint().orders().suspend("o1");
        Reply suspended = attest(server.device(), "SN000002");
        assertThat(code(suspended)).isEqualTo("order-inactive");
        assertThat(detail(suspended)).contains("suspended");
        server.imprint().orders().resume("o1");
        assertThat(code(attest(server.device(), "SN000002"))).isEqualTo("ok");
        server.imprint().orders().close("o1");
        assertThat(code(attest(server.device(), "SN000003"))).isEqualTo("order-inactive");
        assertThatThrownBy(() -> server.imprint().orders().resume("o1")).isInstanceOf(ImprintException.class)
                .hasMessageContaining("closed");
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(2);
    }

    @Test
    void attest_orderExpiredOrNotYetValid_orderInactive() throws Exception {
        Instant now = Instant.now();
        server.imprint().orders().create(new OrderRequest("old", TestServer.PRODUCT, "Acme EMS", 5,
                "SN000001..SN000010", "device", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)), false));
        server.imprint().orders().create(new OrderRequest("future", TestServer.PRODUCT, "Acme EMS", 5,
                "SN000011..SN000020", "device", now.plus(Duration.ofDays(1)), null, false));
        Reply expired = attest(server.device(), "SN000001");
        assertThat(code(expired)).isEqualTo("order-inactive");
        assertThat(detail(expired)).contains("expired");
        Reply early = attest(server.device(), "SN000011");
        assertThat(code(early)).isEqualTo("order-inactive");
        assertThat(detail(early)).contains("not valid before");
    }

    @Test
    void resize_belowUsedRefused_raiseAndLowerRecorded() throws Exception {
        server.order("o1", 2, "SN000001..SN000010");
        attest(server.device(), "SN000001");
        attest(server.device(), "SN000002");
        assertThat(code(attest(server.device(), "SN000003"))).isEqualTo("quota-exhausted");
        server.imprint().orders().resize("o1", 3);
        assertThat(code(attest(server.device(), "SN000003"))).isEqualTo("ok");
        assertThatThrownBy(() -> server.imprint().orders().resize("o1", 2)).isInstanceOf(ImprintException.class)
                .hasMessageContaining("already used 3");
        server.imprint().orders().resize("o1", 4);
        server.imprint().orders().resize("o1", 3);
        assertThat(server.imprint().orders().get("o1").quantity()).isEqualTo(3);
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("order-resized", 3L);
    }

    @Test
    void attest_denyByDefault_policyViolationWithHowToFix() throws Exception {
        server.order("o1", 5, "SN000001..SN000010");
        policy(ProductPolicy.DENY_ALL);
        Reply reply = attest(server.device(), "SN000001");
        assertThat(code(reply)).isEqualTo("policy-violation");
        assertThat(detail(reply)).contains("deny by default").contains("--allow-software");
        assertThat(server.imprint().orders().get("o1").used()).isZero();
        assertThat(server.imprint().events().unitsByState(null, null)).isEmpty();
    }

    @Test
    void attest_softwareListAndMinimum_enforced() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        policy(allow("1.0.0,1.0.1", List.of(), false, Mpmr.ZEROS));
        assertThat(detail(attest(server.device().withSoftware("1.0.2"), "SN000001"))).contains("1.0.2 is not allowed");
        assertThat(code(attest(server.device().withSoftware("1.0.1"), "SN000001"))).isEqualTo("ok");
        policy(allow(">=1.2.10", List.of(), false, Mpmr.ZEROS));
        assertThat(code(attest(server.device().withSoftware("1.2.9"), "SN000002"))).isEqualTo("policy-violation");
        assertThat(code(attest(server.device().withSoftware("1.10.0"), "SN000002"))).as("numeric, not lexical").isEqualTo("ok");
        assertThat(code(attest(server.device().withSoftware("1.2.10"), "SN000003"))).isEqualTo("ok");
    }

    @Test
    void attest_missingMetadataField_refusedNamingIt() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        policy(allow("1.0.0", List.of("board", "station"), false, Mpmr.ZEROS));
        Reply missing = attest(server.device().withMetadata("board", "rev-b"), "SN000001");
        assertThat(code(missing)).isEqualTo("policy-violation");
        assertThat(detail(missing)).contains("'station'");
        assertThat(code(attest(server.device().withMetadata("board", "b").withMetadata("station", "s1"), "SN000001")))
                .isEqualTo("ok");
    }

    @Test
    void attest_openLifecycle_refusedUnlessDevelopment() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        Reply open = attest(server.device().withLifecycle("open"), "SN000001");
        assertThat(code(open)).isEqualTo("policy-violation");
        assertThat(detail(open)).contains("not marked development");
        policy(allow("1.0.0", List.of(), true, Mpmr.ZEROS));
        assertThat(code(attest(server.device().withLifecycle("open"), "SN000001"))).isEqualTo("ok");
    }

    @Test
    void attest_mpmrNotAccepted_refusedThenAcceptedWhenListed() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        Reply optee = attest(server.device().withMpmr(Mpmr.OPTEE_FILL), "SN000001");
        assertThat(code(optee)).isEqualTo("policy-violation");
        assertThat(detail(optee)).contains("MPMR");
        policy(allow("1.0.0", List.of(), false, Mpmr.ZEROS, Mpmr.OPTEE_FILL));
        assertThat(code(attest(server.device().withMpmr(Mpmr.OPTEE_FILL), "SN000001"))).isEqualTo("ok");
    }

    @Test
    void attest_reprovisionWithoutThenWithAuthorization_onceSameSerialSecretsNewCertificate() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice device = server.device();
        TestDevice.Attestation a = device.attest(server.client().challenge(TestServer.PRODUCT), "SN000001");
        ProvisioningResponse first = server.client().provisioning(server.client().attest(a.request()));
        SecretItems stored = a.open(first);
        assertThat(server.client().receipt(device.receipt(first, stored)).status()).isEqualTo(200);
        assertThat(code(attest(device, "SN000001"))).isEqualTo("chip-already-provisioned");

        server.imprint().reprovisioning().authorize(TestServer.PRODUCT, device.chipIdHex(), "RMA-123", "alice");
        device.rotateIdentityKey();
        TestDevice.Attestation b = device.attest(server.client().challenge(TestServer.PRODUCT), "");
        ProvisioningResponse again = server.client().provisioning(server.client().attest(b.request()));
        assertThat(again.serial()).isEqualTo("SN000001");
        assertThat(b.open(again).value("disk-encryption-key")).isEqualTo(stored.value("disk-encryption-key"));
        assertThat(again.certificateChain().get(0)).isNotEqualTo(first.certificateChain().get(0));
        assertThat(server.client().receipt(device.receipt(again, b.open(again))).status()).isEqualTo(200);
        assertThat(code(attest(device, "SN000001"))).as("single use").isEqualTo("chip-already-provisioned");
        assertThat(server.imprint().orders().get("o1").used()).isEqualTo(1);
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("reprovisioned", 1L)
                .containsEntry("reprovision-authorized", 1L).containsEntry("chip-already-provisioned", 2L);
        assertThat(server.imprint().events().unitsByState(null, null)).isEqualTo(Map.of("provisioned", 1L));
    }

    @Test
    void authorize_neverProvisionedChip_notFoundAndNothingStored() {
        assertThatThrownBy(() -> server.imprint().reprovisioning().authorize(TestServer.PRODUCT, "0a1b2c3d", "RMA-1",
                "alice")).isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND);
                    assertThat(e.detail()).isEqualTo("chip 0A1B2C3D was never provisioned as a unit of gateway-x; "
                            + "only a provisioned chip can be re-provisioned");
                });
        assertThat(server.imprint().events().countsByOutcome(null, null)).doesNotContainKey("reprovision-authorized");
    }

    @Test
    void authorize_issuedButUnconfirmedChip_conflictAndNothingStored() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice issued = server.issued("SN000001");
        assertThatThrownBy(() -> server.imprint().reprovisioning().authorize(TestServer.PRODUCT, issued.chipIdHex(),
                "RMA-1", "alice")).isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT);
                    assertThat(e.detail()).contains("never confirmed");
                });
        assertThat(server.imprint().events().countsByOutcome(null, null)).doesNotContainKey("reprovision-authorized");
        TestDevice provisioned = server.provisioned("SN000002");
        assertThat(server.imprint().reprovisioning().authorize(TestServer.PRODUCT, provisioned.chipIdHex(), "RMA-2",
                "alice")).isNotBlank();
    }

    @Test
    void authorize_secondWhileOnePending_conflictAndOnlyOneStored() throws Exception {
        server.order("o1", 10, "SN000001..SN000010");
        TestDevice provisioned = server.provisioned("SN000003");
        String first = server.imprint().reprovisioning().authorize(TestServer.PRODUCT, provisioned.chipIdHex(), "RMA-3",
                "alice");

        assertThatThrownBy(() -> server.imprint().reprovisioning().authorize(TestServer.PRODUCT,
                provisioned.chipIdHex(), "RMA-3b", "bob")).isInstanceOfSatisfying(ImprintException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT);
                    assertThat(e.detail()).contains("already has a pending").contains(first);
                });
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("reprovision-authorized", 1L);
    }

    @Test
    void authorize_badInput_refusedAndNothingStored() {
        assertThatThrownBy(() -> server.imprint().reprovisioning().authorize(TestServer.PRODUCT, "xyz", "r", "me"))
                .isInstanceOf(ImprintException.class).hasMessageContaining("hex");
        assertThatThrownBy(() -> server.imprint().reprovisioning().authorize("nope", "AB", "r", "me"))
                .isInstanceOf(ImprintException.class);
        assertThat(server.imprint().events().countsByOutcome(null, null)).doesNotContainKey("reprovision-authorized");
    }
}
