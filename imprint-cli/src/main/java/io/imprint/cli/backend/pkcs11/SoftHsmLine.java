package io.imprint.cli.backend.pkcs11;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.backend.VendorCa;
import io.imprint.device.backend.DeviceBackend;
import io.imprint.device.backend.PlatformClaims;
import io.imprint.device.pkcs11.Pkcs11DeviceConfig;
import io.imprint.device.pkcs11.Pkcs11Library;
import io.imprint.device.pkcs11.Pkcs11SecureElement;
import io.imprint.device.pkcs11.Pkcs11Token;
import io.imprint.protocol.crypto.Providers;
import io.imprint.protocol.method.AttestationMethod;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.issuance.SecretTemplate;
import io.imprint.server.policy.ProductPolicy;
import io.imprint.server.products.ProductEnrollment;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A line of EMULATED secure elements: each device is its own SoftHSM2 token (made on the spot, with a
 * random PIN), holding an EC P-256 key generated inside it and a device certificate from an emulated
 * vendor CA, as an SE050 or ATECC608 leaves its vendor's factory. The product trusts that vendor's
 * root; untrusted devices carry certificates of another vendor root. Tokens live in the process's
 * {@link SoftHsmEnvironment}; each device's {@code pkcs11.properties} and PIN file go to its directory.
 */
public final class SoftHsmLine implements DeviceLine {
    public static final String PART_NUMBER = "SE050-EMULATED";
    private final Pkcs11Library library;
    private final VendorCa vendor;
    private final VendorCa otherVendor;

    /** A line whose tokens are kept in the SoftHSM2 environment under {@code softhsmDir} (see {@link SoftHsmEnvironment}). */
    public SoftHsmLine(Path softhsmDir) throws Exception {
        SoftHsmEnvironment.ensure(softhsmDir);
        this.library = Pkcs11Library.open(SoftHsmEnvironment.MODULE);
        this.vendor = VendorCa.create("Imprint emulated SE vendor root");
        this.otherVendor = VendorCa.create("Unknown SE vendor root");
    }

    /** The vendor CA whose root the product trusts. */
    public VendorCa vendor() {
        return vendor;
    }

    @Override
    public AttestationMethod method() {
        return AttestationMethod.PKCS11_SE;
    }

    @Override
    public ProductEnrollment enrollment(String product, SecretTemplate template, ProductPolicy policy)
            throws Exception {
        return new ProductEnrollment(product, PART_NUMBER, null, null, template, policy,
                List.of(AttestationMethod.PKCS11_SE), Map.of(AttestationMethod.PKCS11_SE, vendor.certificatePem()));
    }

    @Override
    public DeviceBackend genuine(Path dir) throws Exception {
        return device(vendor, dir);
    }

    @Override
    public DeviceBackend untrusted(Path dir) throws Exception {
        return device(otherVendor, dir);
    }

    /**
     * A part whose token holds a genuine vendor certificate for another key than its own (a certificate
     * copied from a genuine part onto a clone): its signatures do not verify with the certificate's key.
     */
    public DeviceBackend withCopiedCertificate(Path dir) throws Exception {
        return device(vendor, dir, VendorCa.newKey());
    }

    @Override
    public ProblemCode untrustedRefusal() {
        return ProblemCode.UNTRUSTED_DEVICE;
    }

    @Override
    public String storedIn() {
        return "secure element's token objects";
    }

    @Override
    public String deviceFiles() {
        return "token configuration; tokens in softhsm/";
    }

    @Override
    public String description() {
        return "EMULATED secure elements (SoftHSM2 tokens with an emulated vendor CA, not silicon)";
    }

    /** A new token with a P-256 key made inside it and {@code ca}'s certificate for it, as the vendor ships it. */
    private DeviceBackend device(VendorCa ca, Path dir) throws Exception {
        return device(ca, dir, null);
    }

    /** As above; with {@code certified} not null, the certificate is for that key instead of the token's. */
    private DeviceBackend device(VendorCa ca, Path dir, KeyPair certified) throws Exception {
        String label = "imprint-se-" + HexFormat.of().formatHex(Providers.randomBytes(6));
        char[] pin = HexFormat.of().formatHex(Providers.randomBytes(8)).toCharArray();
        char[] soPin = HexFormat.of().formatHex(Providers.randomBytes(8)).toCharArray();
        library.initToken(label, soPin, pin);
        Pkcs11Token token = Pkcs11Token.open(SoftHsmEnvironment.MODULE, label, pin);
        try {
            KeyPair key = token.generateP256();
            X509Certificate certificate = ca.issue((certified == null ? key : certified).getPublic(), label);
            token.keyStore().setEntry(Pkcs11SecureElement.KEY_LABEL, new KeyStore.PrivateKeyEntry(key.getPrivate(),
                    new Certificate[] {certificate, ca.certificate()}), null);
            Pkcs11DeviceConfig.write(dir, SoftHsmEnvironment.MODULE, label, pin);
            return new Pkcs11SecureElement(token, new PlatformClaims(PlatformClaims.NO_SRK_HASH, "closed"));
        } catch (Exception e) {
            token.close();
            throw e;
        } finally {
            java.util.Arrays.fill(pin, '\0');
            java.util.Arrays.fill(soPin, '\0');
        }
    }

    @Override
    public String toString() {
        return "SoftHsmLine[" + vendor + "]";
    }
}
