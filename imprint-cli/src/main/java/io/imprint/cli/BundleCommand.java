package io.imprint.cli;

import io.imprint.protocol.bundle.BundleSigner;
import io.imprint.protocol.bundle.ReceiptKeyAgreement;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.server.issuance.PemFiles;
import io.imprint.server.keystore.KeyStoreBackend;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint bundle ...}: offline bundles for devices that never reach the server. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint bundle keygen --key-store file:./oem-keys \\",
                "      --signing-key-label oem-bundle --out oem-bundle-key.pem",
                "  imprint bundle receipt-keygen --key-store file:./oem-keys \\",
                "      --receipt-key-label oem-receipt"},
        description = "Offline bundles: OEM signing key, OEM receipt key, build.",
        subcommands = {BundleCommand.Keygen.class, BundleCommand.ReceiptKeygen.class, BundleBuildCommand.class})
final class BundleCommand {

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint bundle keygen --signing-key-label oem-bundle \\",
                    "      --key-store \"pkcs11:token=oem?pin-source=file:/etc/imprint/token.pin\" \\",
                    "      --out oem-bundle-key.pem",
                    "  imprint bundle keygen --key-store file:./oem-keys \\",
                    "      --signing-key-label oem-bundle --out oem-bundle-key.pem"},
            description = "Creates the OEM bundle-signing key (P-256) in the key store and writes its public key PEM for devices.")
    static final class Keygen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--key-store", required = true, description = "pkcs11:token=T?pin-value=P or file:/dir.") String keyStore;
        @Option(names = "--signing-key-label", required = true, description = "Label of the new signing key (bundle build --signing-key-label).") String label;
        @Option(names = "--out", required = true, description = "Public key PEM to write (e.g. oem-bundle-key.pem).") Path out;

        @Override
        public Integer call() throws Exception {
            KeyStores.requireAbsent("--out", out);
            try (KeyStoreBackend keys = KeyStores.open(keyStore)) {
                BundleSigner signer = keys.createSigningKey(label);
                PemFiles.writePublic(out, PemFiles.pem(signer.publicKey()));
                spec.commandLine().getOut().println("Created bundle-signing key " + label + " in " + keys.description()
                        + "; public key written to " + out);
            }
            return 0;
        }
    }

    @Command(name = "receipt-keygen", mixinStandardHelpOptions = true,
            footer = {"%nExamples:",
                    "  imprint bundle receipt-keygen --receipt-key-label oem-receipt \\",
                    "      --key-store \"pkcs11:token=oem?pin-source=file:/etc/imprint/token.pin\""},
            description = "Creates the OEM receipt key (ECDH P-256, key agreement only) in the key store: bundles"
                    + " carry its public key and devices seal their receipts to it.")
    static final class ReceiptKeygen implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--key-store", required = true, description = "pkcs11:token=T?pin-value=P or file:/dir.") String keyStore;
        @Option(names = "--receipt-key-label", required = true, description = "Label of the new receipt key (bundle build and receipts import --receipt-key-label).") String label;

        @Override
        public Integer call() throws Exception {
            try (KeyStoreBackend keys = KeyStores.open(keyStore)) {
                ReceiptKeyAgreement key = keys.createReceiptKey(label);
                spec.commandLine().getOut().println("Created receipt key " + label + " in " + keys.description()
                        + "; public key " + java.util.HexFormat.of().formatHex(EcPoints.toUncompressed(key.publicKey())));
            }
            return 0;
        }
    }
}
