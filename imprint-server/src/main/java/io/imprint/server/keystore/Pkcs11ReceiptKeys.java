package io.imprint.server.keystore;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates the OEM receipt key (ECDH P-256) inside the token through a second SunPKCS11 instance
 * whose provider config gives generated EC private keys CKA_DERIVE=true and CKA_SIGN=false, so the
 * receipt key can only do key agreement while bundle-signing keys (first instance) cannot derive.
 * SunPKCS11's KeyStore lists only private keys with a certificate: the key gets a holder certificate
 * signed by a throwaway software key (it is never used for trust; the receipt key cannot sign).
 */
final class Pkcs11ReceiptKeys {
    private Pkcs11ReceiptKeys() {
    }

    /** The provider config of the key-agreement instance. */
    static String config(String base) {
        return base.replace("name = Imprint\n", "name = ImprintReceipt\n")
                .replace("attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n  CKA_SENSITIVE = true\n"
                        + "  CKA_EXTRACTABLE = false\n}\n",
                        "attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {\n  CKA_SENSITIVE = true\n"
                        + "  CKA_EXTRACTABLE = false\n  CKA_DERIVE = true\n  CKA_SIGN = false\n}\n"
                        // The ECDH output Z is HKDF input on the host (no in-token HKDF in SoftHSM2): a
                        // session object readable once, per receipt. The private key stays sensitive.
                        + "attributes(generate, CKO_SECRET_KEY, CKK_GENERIC_SECRET) = {\n  CKA_TOKEN = false\n"
                        + "  CKA_SENSITIVE = false\n  CKA_EXTRACTABLE = true\n}\n");
    }

    static void create(Provider provider, KeyStore keyStore, String label) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", provider);
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        KeyPairGenerator soft = KeyPairGenerator.getInstance("EC");
        soft.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair holder = soft.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Imprint receipt key " + label);
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    new X500Name("CN=Imprint key holder (not a trust anchor)"), BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(holder.getPrivate())));
            keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {cert});
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the receipt key's holder certificate", e);
        }
    }
}
