package io.imprint.device.agent;

import io.imprint.device.storage.SecureStore;
import io.imprint.protocol.crypto.Providers;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The device identity key (P-256) the certificate is issued for: made once, kept in the secure
 * store as PKCS#8 under {@value #NAME} before the first attestation, so a retry after a lost
 * response or a crash asks for a certificate on the same key.
 */
final class IdentityKey {
    static final String NAME = "identity-key";

    private IdentityKey() {
    }

    /** The stored key pair, or a new one stored first. */
    static KeyPair loadOrCreate(SecureStore store) throws IOException, GeneralSecurityException {
        Optional<byte[]> stored = store.get(NAME);
        if (stored.isPresent()) {
            byte[] pkcs8 = stored.get();
            try {
                PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new KeyPair(publicOf((ECPrivateKey) key), key);
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), Providers.random());
        KeyPair pair = g.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            store.put(NAME, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        return pair;
    }

    /** A DER PKCS#10 request signed with SHA256withECDSA; the server decides the final subject. */
    static byte[] csr(KeyPair pair, String commonName) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.bouncyCastle())
                            .build(pair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot build the CSR", e);
        }
    }

    private static PublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
        BigInteger d = key.getS();
        org.bouncycastle.math.ec.ECPoint q = CustomNamedCurves.getByName("secp256r1").getG().multiply(d).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }
}
