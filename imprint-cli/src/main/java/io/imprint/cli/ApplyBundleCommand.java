package io.imprint.cli;

import io.imprint.cli.backend.BackendProvider;
import io.imprint.cli.backend.Backends;
import io.imprint.device.bundle.AppliedBundle;
import io.imprint.device.bundle.BundleApplier;
import io.imprint.device.bundle.ReceiptsFile;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint device apply-bundle}: the offline path on an emulated chip or an OP-TEE board. */
@Command(name = "apply-bundle", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint device apply-bundle --dir chip1 --bundle bundle.imb \\",
                "      --oem-key oem-bundle-key.pem --product widget --serial SN000001 \\",
                "      --receipts receipts.txt",
                "  imprint device apply-bundle --backend optee --dir /var/lib/imprint \\",
                "      --bundle bundle.imb --oem-key oem-bundle-key.pem --product widget \\",
                "      --serial SN000001 --receipts receipts.txt"},
        description = "Verifies and applies an offline bundle on the EMULATED chip in --dir (or, with --backend optee,"
                + " on this board through OP-TEE), storing into <dir>/blobs, and appends an MP-signed receipt to the"
                + " receipts file.")
final class ApplyBundleCommand implements Callable<Integer> {
    private static final long MAX_BUNDLE_BYTES = 64L * 1024 * 1024;
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true,
            description = "Device state: the emulated chip (--backend caam-emulated); secrets go to <dir>/blobs.") Path dir;
    @Option(names = "--backend", defaultValue = Backends.DEFAULT, converter = Backends.Converter.class,
            description = "caam-emulated (the chip in --dir) or optee (this board) (default: ${DEFAULT-VALUE}).")
    BackendProvider backend;
    @Mixin MpBackendOptions mpOptions;
    @Option(names = "--bundle", required = true, description = "Bundle file.") Path bundle;
    @Option(names = "--oem-key", required = true, description = "OEM bundle-signing public key PEM.") Path oemKey;
    @Option(names = "--product", required = true, description = "Product the bundle must be for.") String product;
    @Option(names = "--serial", required = true, description = "This unit's serial; a per-unit bundle must hold an entry for it.") String serial;
    @Option(names = "--image-digest", description = "SHA-256 of the running image, 64 hex (when the bundle is bound to one).") String imageDigest;
    @Option(names = "--receipts", required = true, description = "Receipts file to append to.") Path receipts;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(bundle) || Files.size(bundle) > MAX_BUNDLE_BYTES) {
            throw new ImprintException(ProblemCode.BAD_BUNDLE, "--bundle: " + bundle + " is missing or larger than 64 MiB");
        }
        var key = KeyStores.publicKeyPem("--oem-key", oemKey);
        Optional<byte[]> image = imageDigest == null ? Optional.empty() : Optional.of(Inputs.hex("--image-digest", imageDigest, 32));
        try (MpBackendOptions.MpDevice device = mpOptions.openMp(backend, dir)) {
            BundleApplier applier = new BundleApplier(device.mp(), device.fuses(), device.store(), new ReceiptsFile(receipts));
            AppliedBundle a = applier.apply(Files.readAllBytes(bundle), key, product, serial, image, Instant.now());
            spec.commandLine().getOut().println("Applied bundle " + a.bundleId() + " as " + a.serial() + " on chip "
                    + device.chipIdHex() + ": stored " + String.join(", ", a.storedNames()) + "; receipt appended to "
                    + receipts);
        }
        return 0;
    }
}
