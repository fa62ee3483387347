package io.imprint.bench;

import io.imprint.protocol.mp.MpCurve;
import io.imprint.protocol.mp.MpPublicKey;
import io.imprint.protocol.mp.MpVerifier;
import io.imprint.protocol.mp.Mpmr;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
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
 * MP signature verification, one thread: Imprint's {@link MpVerifier} (BouncyCastle
 * {@code SHA256withPLAIN-ECDSA}) against the JDK's SunEC {@code SHA256withECDSAinP1363Format}, on the
 * same key, MPMR and evidence-sized message. Each call builds its {@link Signature} as the server does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class MpVerifyBenchmark {
    static final String SUN_EC_ALGORITHM = "SHA256withECDSAinP1363Format";

    private MpPublicKey key;
    private ECPublicKey jdkKey;
    private final Mpmr mpmr = Mpmr.ZEROS;
    private byte[] mpmrBytes;
    private byte[] message;
    private byte[] rs;

    /** A fresh P-256 MP key; the signature made as the CAAM makes it: raw r||s over SHA-256(MPMR || message). */
    @Setup
    public void setup() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(MpCurve.P256.jcaName()));
        KeyPair chip = g.generateKeyPair();
        key = MpPublicKey.fromJdkKey((ECPublicKey) chip.getPublic());
        jdkKey = key.jdkKey();
        mpmrBytes = mpmr.bytes();
        message = Samples.evidenceBytes();
        Signature signer = Signature.getInstance(SUN_EC_ALGORITHM, "SunEC");
        signer.initSign(chip.getPrivate());
        signer.update(mpmrBytes);
        signer.update(message);
        rs = signer.sign();
    }

    /** The server's path: {@link MpVerifier#verify} (BouncyCastle), throws if the signature is bad. */
    @Benchmark
    public MpPublicKey bouncyCastle() throws GeneralSecurityException {
        MpVerifier.verify(key, mpmr, message, rs);
        return key;
    }

    /** The same check with the JDK's SunEC provider. */
    @Benchmark
    public boolean sunEc() throws GeneralSecurityException {
        Signature sig = Signature.getInstance(SUN_EC_ALGORITHM, "SunEC");
        sig.initVerify(jdkKey);
        sig.update(mpmrBytes);
        sig.update(message);
        return sig.verify(rs);
    }
}
