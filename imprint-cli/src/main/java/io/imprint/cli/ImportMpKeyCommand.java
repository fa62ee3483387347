package io.imprint.cli;

import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.keystore.KeyProtection;
import io.imprint.server.keystore.KeyStoreBackend;
import io.imprint.server.keystore.MpKeyImportService;
import io.imprint.server.keystore.MpKeyImportService.ImportedMpKey;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint product import-mp-key}: the product's MP public key into a token, for bundle keys. */
@Command(name = "import-mp-key", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint product import-mp-key --data-dir /srv/imprint --product gateway-x \\",
                "      --key-store \"pkcs11:token=oem?pin-source=file:/etc/imprint/token.pin\" \\",
                "      --mp-key-label gateway-x-mp",
                "  imprint product import-mp-key --key-store file:./oem-keys \\",
                "      --mp-key-label gateway-x-mp --mp-key pubk.txt"},
        description = "Imports a product's MP public key into a PKCS#11 token (sensitive, non-extractable) for bundle builds.")
final class ImportMpKeyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StoreOptions store;
    @Option(names = {"--pkcs11", "--key-store"}, required = true,
            description = "Key store URI: pkcs11:token=T?pin-value=P (or pin-source=file:...), or file:/dir (software).")
    String keyStore;
    @Option(names = "--mp-key-label", required = true, description = "Label of the key object (bundle build --mp-key-label).") String label;
    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    static final class Source {
        @Option(names = "--product", description = "Take the MP key of this enrolled product (from --data-dir).") String product;
        @Option(names = "--mp-key", description = "MP public key: a file or text (mfgprot pubk output, hex X||Y, PEM), or a file of the raw 64-byte X||Y.") String mpKey;
    }

    @Override
    public Integer call() throws Exception {
        MpPublicKey key = source.product != null ? enrolledKey(source.product) : parse(source.mpKey);
        try (KeyStoreBackend keys = KeyStores.open(keyStore)) {
            ImportedMpKey imported = new MpKeyImportService().importMpKey(keys, label, key);
            KeyProtection p = imported.protection();
            spec.commandLine().getOut().println("Imported MP key " + imported.fingerprint().substring(0, 16) + " as "
                    + label + " into " + keys.description() + ": token=" + p.tokenObject() + " sensitive="
                    + p.sensitive() + " extractable=" + p.extractable() + " value-readable=" + p.valueReadable()
                    + (p.keptInside() ? " (kept inside)" : " (NOT kept inside: software store)"));
        }
        return 0;
    }

    private MpPublicKey enrolledKey(String product) {
        try (Imprint imprint = store.open(spec.commandLine().getErr())) {
            return imprint.products().get(product).mpKey();
        }
    }

    private static MpPublicKey parse(String value) throws java.io.IOException {
        try {
            return MpPublicKey.parse(Inputs.mpKeyText("--mp-key", value));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ImprintException(ProblemCode.MALFORMED_REQUEST, "--mp-key: " + e.getMessage());
        }
    }
}
