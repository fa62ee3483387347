package io.imprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.backend.optee.EmulatedOpteeChip;
import io.imprint.device.backend.optee.TeecDouble;
import io.imprint.protocol.crypto.Providers;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.http.DeviceListener;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.keystore.SoftwareKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OEM's OP-TEE path through the CLI against the libteec test double (an emulation of OP-TEE's
 * PTAs): enroll from the reference board's PTA, then {@code device provision --backend optee}. The
 * units sign over OP-TEE's MPMR fill, which only a product whose policy accepts it takes.
 */
class DeviceProvisionOpteeEndToEndTest {
    @TempDir Path tmp;
    private final byte[] seed = Providers.randomBytes(32);
    private final byte[] srk = Providers.randomBytes(32);
    private Path built;
    private Path data;
    private Imprint imprint;
    private DeviceListener listener;

    @BeforeEach
    void enrollAndStart() throws Exception {
        built = TeecDouble.build(Path.of("target", "teec-double").toAbsolutePath());
        data = tmp.resolve("server");
        CliRun pubk = CliRun.of("device", "chip-pubk", "--backend", "optee", "--libteec", board("reference").toString());
        assertThat(pubk.exitCode()).as(pubk.err()).isZero();
        assertThat(CliRun.of("init", "--data-dir", data.toString()).exitCode()).isZero();
        enroll("gateway-optee", "--accept-mpmr", "optee", pubk.out());
        enroll("gateway-zeros", "--accept-mpmr", "zeros", pubk.out());
        imprint = Imprint.openOrCreate(ServerConfig.defaults(data).withPort(0));
        listener = imprint.startDeviceListener();
    }

    @AfterEach
    void stop() {
        listener.close();
        imprint.close();
    }

    private void enroll(String product, String flag, String value, String key) {
        CliRun enroll = CliRun.of("product", "enroll", "--data-dir", data.toString(), "--name", product,
                "--part-number", "MIMX8MM6", "--srk-hash", HexFormat.of().formatHex(srk), "--mp-key", key,
                "--allow-software", "1.0.0", flag, value);
        assertThat(enroll.exitCode()).as(enroll.err()).isZero();
        CliRun order = CliRun.of("order", "create", "--data-dir", data.toString(), "--name", "PO-" + product, "--product",
                product, "--cm", "acme-ems", "--quantity", "3", "--serials", "SN000001..SN000010");
        assertThat(order.exitCode()).as(order.err()).isZero();
    }

    private Path board(String name) throws Exception {
        return TeecDouble.installChip(built, tmp.resolve(name), EmulatedOpteeChip.of(seed, Providers.randomBytes(8), srk));
    }

    private CliRun provision(String product, Path libteec, Path state) {
        return CliRun.of("device", "provision", "--backend", "optee", "--libteec", libteec.toString(), "--dir",
                state.toString(), "--server", "https://127.0.0.1:" + listener.port(), "--server-fingerprint",
                listener.fingerprint(), "--product", product, "--serial", "SN000001");
    }

    @Test
    void provision_productAcceptsOpteeFill_provisionedWithSecretsInTheSoftwareKeyedStore() throws Exception {
        Path state = tmp.resolve("state");

        CliRun run = provision("gateway-optee", board("unit-1"), state);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Provisioned SN000001 (provisioned)").contains("via OP-TEE PTA")
                .contains("EMULATION").contains("SOFTWARE key file");
        assertThat(state.resolve("blob-key")).hasSize(32);
        try (var blobs = Files.list(state.resolve("blobs"))) {
            assertThat(blobs.filter(p -> p.toString().endsWith(".blob")).count()).isGreaterThanOrEqualTo(2);
        }
        assertThat(imprint.events().unitsByState("gateway-optee", null)).containsEntry("provisioned", 1L);
    }

    @Test
    void applyBundle_opteeBoard_storesTheBundleAndItsReceiptImports() throws Exception {
        Path keys = tmp.resolve("keys");
        String pubk = CliRun.of("device", "chip-pubk", "--backend", "optee", "--libteec", board("ref-2").toString()).out();
        try (SoftwareKeyStore store = new SoftwareKeyStore(keys)) {
            store.importMpKey("mp", io.imprint.protocol.mp.MpPublicKey.parse(pubk));
            PemFiles.writePublic(tmp.resolve("oem.pem"), PemFiles.pem(store.createSigningKey("oem").publicKey()));
            store.createReceiptKey("receipt");
        }
        listener.close();
        imprint.close();
        CliRun built = CliRun.of("bundle", "build", "--data-dir", data.toString(), "--key-store", "file:" + keys,
                "--mp-key-label", "mp", "--signing-key-label", "oem", "--receipt-key-label", "receipt", "--product",
                "gateway-optee", "--order", "PO-gateway-optee", "--random", "disk-key:32", "--unit-random", "device-key:32", "--serials",
                "SN000001..SN000001", "--expires", "30d", "--out", tmp.resolve("b.imb").toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        Path state = tmp.resolve("offline-state");

        CliRun applied = CliRun.of("device", "apply-bundle", "--backend", "optee", "--libteec", board("unit-3").toString(),
                "--dir", state.toString(), "--bundle", tmp.resolve("b.imb").toString(), "--oem-key",
                tmp.resolve("oem.pem").toString(), "--product", "gateway-optee", "--serial", "SN000001", "--receipts",
                tmp.resolve("receipts.txt").toString());
        CliRun imported = CliRun.of("receipts", "import", "--data-dir", data.toString(), "--file",
                tmp.resolve("receipts.txt").toString(), "--key-store", "file:" + keys, "--receipt-key-label", "receipt");

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("stored disk-key, device-key");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).containsPattern("imported\\s+1");
        imprint = Imprint.openOrCreate(ServerConfig.defaults(data).withPort(0));
        listener = imprint.startDeviceListener();
        assertThat(imprint.orders().get("PO-gateway-optee").used()).isEqualTo(1);
    }

    @Test
    void provision_productAcceptsOnlyZeros_refusedAsPolicyViolationNamingTheOpteeFill() throws Exception {
        CliRun run = provision("gateway-zeros", board("unit-2"), tmp.resolve("state"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("imprint: policy-violation: ").contains("MPMR OP-TEE fill is not accepted")
                .doesNotContain("\n");
        assertThat(imprint.events().unitsByState("gateway-zeros", null)).doesNotContainKey("provisioned");
    }
}
