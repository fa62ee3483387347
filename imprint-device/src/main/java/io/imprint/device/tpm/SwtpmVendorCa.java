package io.imprint.device.tpm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private "TPM vendor": the state directory of {@code swtpm_localca}, which signs the EK and
 * platform certificates {@code swtpm_setup} writes into each software TPM it manufactures. The
 * root and the issuing CA are made on first use. Each test (or demo) owns its own, so a TPM from
 * another vendor is one {@code new SwtpmVendorCa(otherDir)} away.
 */
public final class SwtpmVendorCa {
    private final Path directory;

    /** A vendor whose CA lives in {@code directory} (created if absent). */
    public SwtpmVendorCa(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        Files.createDirectories(this.directory.resolve("ca"));
        Files.writeString(this.directory.resolve("localca.conf"), String.join("\n",
                "statedir = " + ca(),
                "signingkey = " + ca().resolve("signkey.pem"),
                "issuercert = " + ca().resolve("issuercert.pem"),
                "certserial = " + ca().resolve("certserial"), ""));
        Files.writeString(this.directory.resolve("localca.options"), String.join("\n",
                "--platform-manufacturer Imprint-Test-Vendor", "--platform-version 2.1",
                "--platform-model swtpm", ""));
        Files.writeString(setupConfig(), String.join("\n",
                "create_certs_tool = swtpm_localca",
                "create_certs_tool_config = " + this.directory.resolve("localca.conf"),
                "create_certs_tool_options = " + this.directory.resolve("localca.options"),
                "active_pcr_banks = sha256", ""));
    }

    Path setupConfig() {
        return directory.resolve("swtpm_setup.conf");
    }

    private Path ca() {
        return directory.resolve("ca");
    }

    /** The vendor's self-signed root and its issuing CA, as a product's TPM trust roots. */
    public List<X509Certificate> trustCertificates() throws IOException, GeneralSecurityException {
        return List.of(certificate("swtpm-localca-rootca-cert.pem"), certificate("issuercert.pem"));
    }

    /** The root and issuing CA as one PEM bundle, the form the server's product configuration takes. */
    public String trustPem() throws IOException {
        return Files.readString(ca().resolve("swtpm-localca-rootca-cert.pem"))
                + Files.readString(ca().resolve("issuercert.pem"));
    }

    private X509Certificate certificate(String file) throws IOException, GeneralSecurityException {
        Path path = ca().resolve(file);
        if (!Files.exists(path)) {
            throw new IOException("the vendor CA has no " + file + " yet: manufacture a TPM first");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Override
    public String toString() {
        return "SwtpmVendorCa[" + directory + "]";
    }
}
