package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.agent.PreparedAttestation;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.agent.ProvisioningResult;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.device.storage.EmulatedCaamBlobStore;
import io.imprint.protocol.message.ProvisioningResponse;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.ratelimit.RateLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's path through the CLI: emulated reference chip, enrollment from its
 * 'mfgprot pubk' output, an order, then devices provisioned over TLS by the real agent.
 */
class DeviceProvisionEndToEndTest {
    private static final String SRK = "a1".repeat(32);
    private static final String SEED = "5eed".repeat(8);
    @TempDir Path tmp;
    private Path data;
    private Imprint imprint;
    private DeviceListener listener;

    @BeforeEach
    void enrollAndStart() throws Exception {
        data = tmp.resolve("server");
        Path reference = tmp.resolve("reference-chip");
        assertThat(CliRun.of("device", "chip-init", "--dir", reference.toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--fuse-seed", SEED).exitCode()).isZero();
        CliRun pubk = CliRun.of("device", "chip-pubk", "--dir", reference.toString());
        assertThat(pubk.out()).startsWith("Public key:");
        assertThat(CliRun.of("init", "--data-dir", data.toString()).exitCode()).isZero();
        CliRun enroll = CliRun.of("product", "enroll", "--data-dir", data.toString(), "--name", "gateway-x",
                "--part-number", "MIMX8MM6", "--srk-hash", SRK, "--mp-key", pubk.out(), "--allow-software", "1.0.0");
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        CliRun order = CliRun.of("order", "create", "--data-dir", data.toString(), "--name", "PO-1", "--product",
                "gateway-x", "--cm", "acme-ems", "--quantity", "3", "--serials", "SN000001..SN000010");
        assertThat(order.exitCode()).as(order.err()).isZero();
        imprint = Imprint.openOrCreate(ServerConfig.defaults(data).withPort(0));
        listener = imprint.startDeviceListener();
    }

    @AfterEach
    void stop() {
        listener.close();
        imprint.close();
    }

    private Path chip(String name) {
        Path dir = tmp.resolve(name);
        assertThat(CliRun.of("device", "chip-init", "--dir", dir.toString(), "--part-number", "MIMX8MM6",
                "--srk-hash", SRK, "--fuse-seed", SEED).exitCode()).isZero();
        return dir;
    }

    private String server() {
        return "https://127.0.0.1:" + listener.port();
    }

    /** {@code imprint device provision} of the chip in {@code dir} against the test server, plus {@code args}. */
    private CliRun provision(Path dir, String... args) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("device", "provision", "--dir",
                dir.toString(), "--server", server(), "--server-fingerprint", listener.fingerprint(), "--product", "gateway-x"));
        all.addAll(java.util.List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void provision_ubootEmulatedBackend_signsOverTheBoardsConsoleAndStoresInItsBlobs() throws Exception {
        Path dir = chip("board-over-uboot");

        CliRun run = provision(dir, "--serial", "SN000008", "--backend", "uboot-emulated");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Provisioned SN000008 (provisioned) on i.MX CAAM MP over the U-Boot console on /dev/pts/")
                .contains("EMULATED U-Boot console");
        EmulatedCaamChip chip = EmulatedChipFile.load(dir);
        assertThat(new EmulatedCaamBlobStore(dir.resolve("blobs"), chip).get("disk-encryption-key")).get()
                .satisfies(key -> assertThat(key).hasSize(32));
    }

    @Test
    void provision_policyRequiresBoard_refusedWithoutMetadataProvisionedWithIt() throws Exception {
        CliRun policy = CliRun.of("product", "policy", "--data-dir", data.toString(), "--name", "gateway-x",
                "--allow-software", "1.0.0", "--require-metadata", "board");
        assertThat(policy.exitCode()).as(policy.err()).isZero();
        Path dir = chip("device-6");

        CliRun without = provision(dir, "--serial", "SN000006");
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.err().strip()).startsWith("imprint: policy-violation: ").contains("'board'").doesNotContain("\n");

        CliRun with = provision(dir, "--serial", "SN000006", "--metadata", "board=rev-b", "--metadata", "station=s1");
        assertThat(with.exitCode()).as(with.err()).isZero();
        assertThat(with.out()).contains("Provisioned SN000006 (provisioned)");
        assertThat(imprint.events().countsByOutcome("gateway-x", null)).containsEntry("policy-violation", 1L)
                .containsEntry("issued", 1L);
    }

    @Test
    void provision_badMetadata_refusedOneLineBeforeAnyRequest() {
        Path dir = chip("device-7");
        for (String[] bad : java.util.List.of(new String[] {"Board=rev-b", "key 'Board'"},
                new String[] {"board", "'board' is not key=value"}, new String[] {"board=\u00e9", "value of board"},
                new String[] {"board=" + "x".repeat(257), "value of board"})) {
            CliRun run = provision(dir, "--serial", "SN000007", "--metadata", bad[0]);
            assertThat(run.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("imprint: malformed-request: --metadata: ").contains(bad[1])
                    .doesNotContain("\n");
        }
        CliRun twice = provision(dir, "--serial", "SN000007", "--metadata", "board=a", "--metadata", "board=b");
        assertThat(twice.err().strip()).isEqualTo("imprint: malformed-request: --metadata: key board given twice");
        String[] seventeen = new String[34];
        for (int i = 0; i < 17; i++) {
            seventeen[2 * i] = "--metadata";
            seventeen[2 * i + 1] = "k" + i + "=v";
        }
        assertThat(provision(dir, seventeen).err()).startsWith("imprint: malformed-request: --metadata: at most 16 entries");
        assertThat(imprint.events().countsByOutcome("gateway-x", null)).isEmpty();
    }

    @Test
    void provision_serialOmittedServerOrder_serverAssignsNextSerial() {
        CliRun order = CliRun.of("order", "create", "--data-dir", data.toString(), "--name", "PO-2", "--product",
                "gateway-x", "--cm", "acme-ems", "--quantity", "2", "--serials", "GX0001..GX0010", "--serial-mode", "server");
        assertThat(order.exitCode()).as(order.err()).isZero();

        CliRun run = provision(chip("device-8"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Provisioned GX0001 (provisioned)");
        assertThat(imprint.orders().get("PO-2").used()).isEqualTo(1);
    }

    @Test
    void provision_cli_storesSecretsAndUnitIsProvisioned() {
        Path dir = chip("device-1");
        CliRun run = CliRun.of("device", "provision", "--dir", dir.toString(), "--server", server(),
                "--server-fingerprint", listener.fingerprint(), "--product", "gateway-x", "--serial", "SN000001");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Provisioned SN000001 (provisioned)").contains("urn:imprint:chip:")
                .contains("disk-encryption-key");
        assertThat(dir.resolve("blobs").resolve("disk-encryption-key.blob")).exists();
        assertThat(imprint.events().unitsByState("gateway-x", null)).containsEntry("provisioned", 1L);
        CliRun orders = CliRun.of("order", "list", "--data-dir", data.toString());
        assertThat(orders.out()).containsPattern("PO-1\\s+gateway-x\\s+acme-ems\\s+open\\s+1\\s+3");
    }

    @Test
    void provision_wrongPin_refusedWithOneLineAndNothingChanges() {
        Path dir = chip("device-2");
        CliRun run = CliRun.of("device", "provision", "--dir", dir.toString(), "--server", server(),
                "--server-fingerprint", "00".repeat(32), "--product", "gateway-x", "--serial", "SN000002");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).startsWith("imprint: ").doesNotContain("\n");
        assertThat(imprint.events().unitsByState("gateway-x", null)).doesNotContainKey("issued").doesNotContainKey("provisioned");
    }

    @Test
    void provision_outOfRangeSerial_refusedWithCode() {
        CliRun run = CliRun.of("device", "provision", "--dir", chip("device-3").toString(), "--server", server(),
                "--server-fingerprint", listener.fingerprint(), "--product", "gateway-x", "--serial", "SN000099");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("imprint: serial-not-authorized:");
    }

    @Test
    void provision_rateLimitedListener_agentHonoursRetryAfterAndProvisions() throws Exception {
        EmulatedCaamChip chip = EmulatedChipFile.load(chip("device-6"));
        // one request per second per client, burst 1: every step after the first waits for its token
        try (DeviceListener limited = imprint.startDeviceListener(new RateLimits(1, 1, 1_000, 1_000, 100))) {
            URI uri = URI.create("https://127.0.0.1:" + limited.port());
            try (ProvisioningClient once = new ProvisioningClient(uri, ServerTrust.pinned(limited.fingerprint()),
                    RetryPolicy.none())) {
                once.challenge("gateway-x");
                assertThatThrownBy(() -> once.challenge("gateway-x")).isInstanceOfSatisfying(ImprintException.class,
                        e -> assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED));
            }
            try (ProvisioningClient client = new ProvisioningClient(uri, ServerTrust.pinned(limited.fingerprint()),
                    new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(3)))) {
                ProvisioningAgent agent = new ProvisioningAgent(chip, chip,
                        new EmulatedCaamBlobStore(tmp.resolve("device-6/blobs"), chip), client);

                ProvisioningResult result = agent.provision("gateway-x", "SN000006", "1.0.0");

                assertThat(result.state()).isEqualTo("provisioned");
            }
        }
        assertThat(imprint.events().unitsByState("gateway-x", null)).containsEntry("provisioned", 1L);
    }

    @Test
    void provision_lostResponse_retryGetsSameIdentityAndSecretsAndOneUnitOfQuota() throws Exception {
        EmulatedCaamChip chip = EmulatedChipFile.load(chip("device-4"));
        EmulatedCaamBlobStore store = new EmulatedCaamBlobStore(tmp.resolve("device-4/blobs"), chip);
        try (ProvisioningClient client = new ProvisioningClient(URI.create(server()),
                ServerTrust.pinned(listener.fingerprint()), RetryPolicy.defaults())) {
            ProvisioningAgent agent = new ProvisioningAgent(chip, chip, store, client);
            PreparedAttestation first = agent.prepare(client.challenge("gateway-x"), "gateway-x", "SN000004", "1.0.0");
            ProvisioningResponse lost = client.attest(first.request()); // the device crashes before storing it
            assertThat(lost.state()).isEqualTo("issued");

            ProvisioningResult retried = agent.provision("gateway-x", "SN000004", "1.0.0");

            assertThat(retried.serial()).isEqualTo("SN000004");
            assertThat(retried.state()).isEqualTo("provisioned");
            assertThat(retried.certificate().getEncoded()).as("same certificate: the agent kept its identity key")
                    .isEqualTo(io.imprint.server.testing.TestDevice.certificate(lost.certificateChain().get(0)).getEncoded());
        }
        assertThat(imprint.orders().get("PO-1").used()).as("the retry consumed no second unit").isEqualTo(1);
        assertThat(imprint.events().countsByOutcome("gateway-x", null)).containsEntry("reissued", 1L);
    }

    @Test
    void provision_emptySerialServerOrder_agentGetsAssignedSerialAndReceiptConfirms() throws Exception {
        imprint.orders().create(new io.imprint.server.orders.OrderRequest("PO-2", "gateway-x", "acme-ems", 2,
                "GX0001..GX0010", "server", null, null, false));
        EmulatedCaamChip chip = EmulatedChipFile.load(chip("device-5"));
        try (ProvisioningClient client = new ProvisioningClient(URI.create(server()),
                ServerTrust.pinned(listener.fingerprint()), RetryPolicy.defaults())) {
            ProvisioningAgent agent = new ProvisioningAgent(chip, chip,
                    new EmulatedCaamBlobStore(tmp.resolve("device-5/blobs"), chip), client);
            ProvisioningResult result = agent.provision("gateway-x", "", "1.0.0");
            assertThat(result.serial()).isEqualTo("GX0001");
            assertThat(result.state()).isEqualTo("provisioned");
        }
        assertThat(imprint.orders().get("PO-2").used()).isEqualTo(1);
        assertThat(imprint.events().unitsByState("gateway-x", null)).containsEntry("provisioned", 1L);
    }
}
