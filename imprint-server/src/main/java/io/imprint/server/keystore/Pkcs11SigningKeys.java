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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates a P-256 key pair inside the token and persists it under a label. SunPKCS11's KeyStore
 * only lists private keys that have a certificate, so the key gets a self-signed holder certificate
 * (signed in the token); devices are given the public key, never this certificate.
 */
final class Pkcs11SigningKeys {
    private Pkcs11SigningKeys() {
    }

    static void create(Provider provider, KeyStore keyStore, String label) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", provider);
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = gen.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=Imprint bundle signing " + label);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(provider).build(pair.getPrivate())));
            keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {cert});
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the holder certificate in the token", e);
        }
    }
}
