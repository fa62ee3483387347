package io.imprint.bench;

import io.imprint.protocol.codec.Evidence;
import io.imprint.protocol.codec.EvidenceCodec;
import io.imprint.protocol.envelope.EnvelopeCrypto;
import java.security.GeneralSecurityException;
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

/** The strict evidence codec: decoding (server, per attestation) and encoding (device, which decodes again). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class EvidenceBenchmark {
    private Evidence evidence;
    private byte[] bytes;

    @Setup
    public void setup() throws GeneralSecurityException {
        evidence = Samples.evidence(EnvelopeCrypto.newKeyPair());
        bytes = EvidenceCodec.encode(evidence);
    }

    /** {@link EvidenceCodec#decode} of about 560 bytes: every field length- and pattern-checked. */
    @Benchmark
    public Evidence decode() {
        return EvidenceCodec.decode(bytes);
    }

    /** {@link EvidenceCodec#encode}, which round-trips through the decoder before returning. */
    @Benchmark
    public byte[] encode() {
        return EvidenceCodec.encode(evidence);
    }
}
