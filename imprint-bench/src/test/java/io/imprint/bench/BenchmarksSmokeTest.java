package io.imprint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each benchmark method computes a valid result on its own inputs (no timing: benchmarks run only by hand). */
class BenchmarksSmokeTest {

    @Test
    void mpVerify_bothProviders_acceptTheSignature() throws Exception {
        MpVerifyBenchmark b = new MpVerifyBenchmark();
        b.setup();
        assertThat(b.bouncyCastle()).isNotNull();
        assertThat(b.sunEc()).isTrue();
    }

    @Test
    void evidence_decode_returnsTheEncodedClaims() throws Exception {
        EvidenceBenchmark b = new EvidenceBenchmark();
        b.setup();
        assertThat(b.decode().product()).isEqualTo("gateway-x");
        assertThat(b.encode()).hasSizeGreaterThan(Samples.CSR_BYTES);
    }

    @Test
    void envelope_sealThenOpen_returnsTheSecrets() throws Exception {
        EnvelopeBenchmark b = new EnvelopeBenchmark();
        b.setup();
        assertThat(b.seal().ciphertext()).isNotEmpty();
        assertThat(b.open().names()).containsExactly("disk-encryption-key", "cloud-api-token");
    }

    @Test
    void ecdh_bothProviders_return32ByteSecrets() throws Exception {
        EcdhBenchmark b = new EcdhBenchmark();
        b.setup();
        assertThat(b.sunEc()).hasSize(32);
        assertThat(b.bouncyCastle()).hasSize(32);
    }
}
