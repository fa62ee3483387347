package io.imprint.bench;

import io.imprint.protocol.envelope.Envelope;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import io.imprint.protocol.envelope.SecretItems;
import io.imprint.protocol.crypto.EcPoints;
import io.imprint.protocol.crypto.Providers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
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
 * The end-to-end envelope: {@link EnvelopeCrypto#seal} (server, per unit: ephemeral P-256 key pair,
 * ECDH, HKDF, AES-256-GCM) and {@link EnvelopeCrypto#open} (device).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class EnvelopeBenchmark {
    private PrivateKey devicePrivate;
    private byte[] deviceKey;
    private byte[] sessionId;
    private byte[] evidence;
    private SecretItems items;
    private Envelope sealed;

    @Setup
    public void setup() throws GeneralSecurityException {
        KeyPair device = EnvelopeCrypto.newKeyPair();
        devicePrivate = device.getPrivate();
        deviceKey = EcPoints.toUncompressed((ECPublicKey) device.getPublic());
        sessionId = Providers.randomBytes(16);
        evidence = Samples.evidenceBytes();
        items = Samples.secrets();
        sealed = EnvelopeCrypto.seal(deviceKey, sessionId, evidence, items);
    }

    /** Seals the demo's two 32-byte secrets to the device key. */
    @Benchmark
    public Envelope seal() throws GeneralSecurityException {
        return EnvelopeCrypto.seal(deviceKey, sessionId, evidence, items);
    }

    /** Opens a sealed envelope with the device's private key. */
    @Benchmark
    public SecretItems open() throws GeneralSecurityException {
        return EnvelopeCrypto.open(devicePrivate, deviceKey, sessionId, evidence, sealed);
    }
}
