package io.imprint.bench;

import io.imprint.protocol.crypto.Providers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The public-key part of sealing one envelope (a fresh P-256 key pair, then ECDH with the device key),
 * with the JDK's SunEC (what {@code EnvelopeCrypto} uses today) and with BouncyCastle.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class EcdhBenchmark {
    private final ECGenParameterSpec p256 = new ECGenParameterSpec("secp256r1");
    private PublicKey sunEcDevice;
    private PublicKey bcDevice;

    @Setup
    public void setup() throws GeneralSecurityException {
        sunEcDevice = newKeyPair(Security.getProvider("SunEC")).getPublic();
        bcDevice = newKeyPair(Providers.bouncyCastle()).getPublic();
    }

    /** Ephemeral key pair and ECDH with SunEC, as {@code EnvelopeCrypto.seal} does. */
    @Benchmark
    public byte[] sunEc() throws GeneralSecurityException {
        return agree(Security.getProvider("SunEC"), sunEcDevice);
    }

    /** The same with BouncyCastle. */
    @Benchmark
    public byte[] bouncyCastle() throws GeneralSecurityException {
        return agree(Providers.bouncyCastle(), bcDevice);
    }

    private KeyPair newKeyPair(Provider provider) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
        g.initialize(p256, Providers.random());
        return g.generateKeyPair();
    }

    private byte[] agree(Provider provider, PublicKey device) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH", provider);
        ka.init(newKeyPair(provider).getPrivate());
        ka.doPhase(device, true);
        return ka.generateSecret();
    }
}
