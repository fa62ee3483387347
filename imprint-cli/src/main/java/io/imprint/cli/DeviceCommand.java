package io.imprint.cli;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.Backends;
import io.imprint.device.agent.AgentOptions;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.agent.ProvisioningAgent;
import io.imprint.device.agent.ProvisioningResult;
import io.imprint.device.backend.EmulatedCaamChip;
import io.imprint.device.backend.EmulatedChipFile;
import io.imprint.device.backend.MpSignature;
import io.imprint.device.backend.optee.OpteeMpBackend;
import io.imprint.device.client.ProvisioningClient;
import io.imprint.device.client.RetryPolicy;
import io.imprint.device.client.ServerTrust;
import io.imprint.protocol.codec.Fields;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint device ...}: the device agent on a chosen backend (default: an emulated i.MX chip). */
@Command(name = "device", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint device chip-init --dir chip1 --part-number MIMX8MM6 \\",
                "      --srk-hash \"$SRK_HASH\" --fuse-seed 5eed5eed5eed5eed5eed5eed5eed5eed",
                "  imprint device provision --dir chip1 --server https://127.0.0.1:8443 \\",
                "      --server-fingerprint \"$FINGERPRINT\" --product gateway-x --serial SN000001",
                "  imprint device provision --backend optee --dir /var/lib/imprint \\",
                "      --server https://10.0.0.2:8443 --server-ca ca.pem --product gateway-x"},
        description = "Device agent on a device backend (--backend; default: an EMULATED i.MX CAAM chip kept in a directory;"
                + " optee: an i.MX board's MP key through OP-TEE).",
        subcommands = {DeviceCommand.ChipInit.class, DeviceCommand.ChipPubk.class, DeviceCommand.MpSign.class,
                DeviceCommand.Provision.class,
                ApplyBundleCommand.class, UbootEmulatorCommand.class})
final class DeviceCommand {

    @Command(name = "chip-init", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint device chip-init --dir chip1 --part-number MIMX8MM6 \\",
                    "      --srk-hash \"$SRK_HASH\" --fuse-seed 5eed5eed5eed5eed5eed5eed5eed5eed",
                    "  imprint device chip-init --dir dev-chip --part-number MIMX8MM6 \\",
                    "      --srk-hash \"$SRK_HASH\" --fuse-seed 5eed5eed5eed5eed5eed5eed5eed5eed \\",
                    "      --chip-id 0102030405060708 --lifecycle open --optee-mpmr"},
            description = "Creates an EMULATED i.MX chip (fuses, unique ID) in a directory. Software emulation, not silicon.")
    static final class ChipInit implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", required = true, description = "Directory for the emulated chip.") Path dir;
        @Option(names = "--part-number", required = true, description = "Part number, e.g. MIMX8MM6.") String partNumber;
        @Option(names = "--srk-hash", required = true, description = "Fused SRK hash, 64 hex.") String srkHash;
        @Option(names = "--fuse-seed", required = true,
                description = "Emulated fuse seed, hex (>= 16 bytes); chips sharing it (and part, SRK) share the MP key.")
        String fuseSeed;
        @Option(names = "--chip-id", description = "Unique ID, hex (default: 8 random bytes).") String chipId;
        @Option(names = "--lifecycle", defaultValue = "closed", description = "closed or open (default: ${DEFAULT-VALUE}).") String lifecycle;
        @Option(names = "--optee-mpmr", description = "Sign over OP-TEE's MPMR fill instead of zeros (as when OP-TEE ran first).")
        boolean opteeMpmr;

        @Override
        public Integer call() throws Exception {
            byte[] id = chipId == null ? Providers.randomBytes(EmulatedCaamChip.CHIP_ID_BYTES) : Inputs.hex("--chip-id", chipId, 0);
            EmulatedChipFile.create(dir, partNumber, Inputs.hex("--srk-hash", srkHash, 32), Inputs.hex("--fuse-seed", fuseSeed, 0),
                    id, lifecycle, opteeMpmr ? Mpmr.OPTEE_FILL : Mpmr.ZEROS);
            EmulatedCaamChip chip = EmulatedChipFile.load(dir);
            spec.commandLine().getOut().println("Created " + chip.description() + " in " + dir);
            return 0;
        }
    }

    @Command(name = "chip-pubk", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint device chip-pubk --dir reference-chip > pubk.txt",
                    "  imprint device chip-pubk --backend optee > pubk.txt   # on the board"},
            description = "Prints the chip's MP public key like U-Boot 'mfgprot pubk' (enroll it from a reference chip).")
    static final class ChipPubk implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", defaultValue = ".",
                description = "Directory of the emulated chip (--backend caam-emulated; default: ${DEFAULT-VALUE}).") Path dir;
        @Option(names = "--backend", defaultValue = Backends.DEFAULT, converter = Backends.Converter.class,
                description = "caam-emulated (the chip in --dir) or optee (this board) (default: ${DEFAULT-VALUE}).")
        BackendProvider backend;
        @Mixin MpBackendOptions mpOptions;

        @Override
        public Integer call() throws Exception {
            String hex = mpOptions.withMp(backend, dir, mp -> mp.publicKey().hex());
            spec.commandLine().getOut().println("Public key:");
            spec.commandLine().getOut().println(hex);
            return 0;
        }
    }

    @Command(name = "mp-sign", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint device mp-sign --backend optee --message 7A5D4DA3",
                    "  imprint device mp-sign --dir chip1 --message 7A5D4DA3"},
            description = "Signs a test message with the chip's MP key and prints the message, the MPMR the chip used"
                    + " and r||s as options for 'imprint mp verify'.")
    static final class MpSign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", defaultValue = ".",
                description = "Directory of the emulated chip (--backend caam-emulated; default: ${DEFAULT-VALUE}).") Path dir;
        @Option(names = "--message", required = true, description = "Message to sign, hex (at most 4096 bytes).") String message;
        @Option(names = "--backend", defaultValue = Backends.DEFAULT, converter = Backends.Converter.class,
                description = "caam-emulated (the chip in --dir) or optee (this board) (default: ${DEFAULT-VALUE}).")
        BackendProvider backend;
        @Mixin MpBackendOptions mpOptions;

        @Override
        public Integer call() throws Exception {
            byte[] msg = Inputs.hex("--message", message, 0);
            if (msg.length > OpteeMpBackend.MAX_MESSAGE_BYTES) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--message must be at most 4096 bytes");
            }
            MpSignature sig = mpOptions.withMp(backend, dir, mp -> mp.sign(msg));
            java.util.HexFormat hex = java.util.HexFormat.of().withUpperCase();
            spec.commandLine().getOut().println("--message " + hex.formatHex(msg) + " --mpmr " + sig.mpmr().hex()
                    + " --signature " + hex.formatHex(sig.rs()));
            spec.commandLine().getOut().println("MPMR: " + sig.mpmr().describe());
            return 0;
        }
    }

    @Command(name = "provision", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint device provision --dir chip1 --server https://127.0.0.1:8443 \\",
                    "      --server-fingerprint \"$FINGERPRINT\" --product gateway-x \\",
                    "      --serial SN000001 --metadata board=rev-b",
                    "  imprint device provision --dir chip2 --server https://127.0.0.1:8443 \\",
                    "      --server-ca ca.pem --product gateway-x    # the server assigns the serial",
                    "  imprint device provision --backend optee --dir /var/lib/imprint \\",
                    "      --server https://10.0.0.2:8443 --server-ca ca.pem --product gateway-x"},
            description = "Provisions this device over the network: challenge, evidence signed by the backend's key, "
                    + "secrets in the backend's secure store, receipt.")
    static final class Provision implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--dir", required = true,
                description = "Directory of the device's state (for caam-emulated: the emulated chip); secrets go to <dir>/blobs"
                        + " (for optee under the software key <dir>/blob-key, see docs/devices.md).")
        Path dir;
        @Mixin MpBackendOptions mpOptions;
        @Option(names = "--backend", defaultValue = Backends.DEFAULT, converter = Backends.Converter.class,
                description = "What proves the device and keeps its secrets: caam-emulated (default; an EMULATED i.MX chip"
                        + " made by chip-init) or pkcs11 (a secure element: <dir>/pkcs11.properties names the module,"
                        + " token and pin-file).")
        BackendProvider backend;
        @Option(names = "--server", required = true, description = "Device API URL, e.g. https://127.0.0.1:8443.") URI server;
        @ArgGroup(exclusive = true, multiplicity = "1") Trust trust;
        @Option(names = "--product", required = true, description = "Product this device is provisioned as (enrolled on the server).")
        String product;
        @Option(names = "--serial", defaultValue = "",
                description = "Serial the station assigns, inside an open order's range; omit it when the order assigns serials (--serial-mode server).")
        String serial;
        @Option(names = "--software-version", defaultValue = "1.0.0",
                description = "Version of the running image, checked against the product's --allow-software (default: ${DEFAULT-VALUE}).")
        String softwareVersion;
        @Option(names = "--metadata", paramLabel = "KEY=VALUE",
                description = "Signed claim in the evidence, e.g. board=rev-b, as the product's --require-metadata demands "
                        + "(repeatable, at most 16; key: 1-32 of a-z 0-9 . _ - starting with a letter; value: printable ASCII, "
                        + "at most 256).")
        List<String> metadata = new ArrayList<>();

        static final class Trust {
            @Option(names = "--server-fingerprint",
                    description = "SHA-256 of the server's TLS certificate, 64 hex (printed by 'imprint server').")
            String serverFingerprint;
            @Option(names = "--server-ca", description = "PEM CA certificate that issued the server's certificate (instead of --server-fingerprint).")
            Path serverCa;
        }

        @Override
        public Integer call() throws Exception {
            if (!"https".equalsIgnoreCase(server.getScheme())) {
                throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--server must be an https:// URL");
            }
            if (!serial.isEmpty()) {
                Fields.identifier("--serial", serial);
            }
            AgentOptions options = new AgentOptions(AgentOptions.defaults().maxAttestAttempts(), MetadataArgs.parse(metadata));
            ServerTrust serverTrust = trust.serverFingerprint != null ? ServerTrust.pinned(trust.serverFingerprint)
                    : ServerTrust.caFile(trust.serverCa);
            try (DeviceBackend device = mpOptions.resolve(backend).open(dir);
                 ProvisioningClient client = new ProvisioningClient(server, serverTrust, RetryPolicy.defaults())) {
                ProvisioningAgent agent = new ProvisioningAgent(device, client, options);
                ProvisioningResult r = agent.provision(product, serial, softwareVersion);
                var out = spec.commandLine().getOut();
                out.println("Provisioned " + r.serial() + " (" + r.state() + ") on " + device.description());
                out.println("  certificate: " + r.subject() + "  " + String.join(", ", r.subjectAltNames()));
                out.println("  stored: " + String.join(", ", r.secretNames()) + " in " + device.store().description());
            }
            return 0;
        }
    }
}
