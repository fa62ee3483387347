package io.imprint.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.imprint.protocol.mp.Mpmr;
import io.imprint.server.testing.DeviceClient.Reply;
import io.imprint.server.testing.TestServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision hook against a real HTTPS server on loopback with a self-signed certificate. */
class DecisionHookTest {
    @TempDir Path dir;
    private TestServer server;
    private HttpsServer hook;
    private X509Certificate certificate;
    private final AtomicReference<String> answer = new AtomicReference<>("allow");
    private final AtomicReference<String> lastClaims = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite(dir);
        server.order("o1", 10, "SN000001..SN000010");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair key = g.generateKeyPair();
        X500Name name = new X500Name("CN=decision-hook");
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, new Date(System.currentTimeMillis() - 60_000), new Date(System.currentTimeMillis() + 3_600_000),
                name, key.getPublic()).addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("hook", key.getPrivate(), new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        hook = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.setHttpsConfigurator(new HttpsConfigurator(tls));
        hook.createContext("/decide", exchange -> {
            lastClaims.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String mode = answer.get();
            if (mode.equals("slow")) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = mode.equals("500") ? 500 : 200;
            byte[] body = ("{\"decision\":\"" + (mode.equals("deny") ? "deny" : "allow") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void stop() throws Exception {
        hook.stop(0);
        server.close();
    }

    private void policy(String caPem, String fingerprint, Duration timeout) {
        URI url = URI.create("https://127.0.0.1:" + hook.getAddress().getPort() + "/decide");
        server.imprint().policies().set(TestServer.PRODUCT, new ProductPolicy(SoftwareRule.parse("1.0.0"), List.of(),
                false, List.of(Mpmr.ZEROS), new HookSettings(url, caPem, fingerprint, timeout)));
    }

    private String caPem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private Reply attest(String serial) throws Exception {
        return server.client().attest(server.device().attest(server.client().challenge(TestServer.PRODUCT), serial).request());
    }

    private String detail(Reply reply) throws Exception {
        return server.client().problem(reply).code() + " / " + server.client().problem(reply).detail();
    }

    @Test
    void attest_hookAllowsWithCa_provisionedAndClaimsSent() throws Exception {
        policy(caPem(), null, Duration.ofSeconds(2));
        assertThat(attest("SN000001").status()).isEqualTo(200);
        assertThat(lastClaims.get()).contains("\"product\":\"gateway-x\"").contains("\"serial\":\"SN000001\"")
                .contains("\"order\":\"o1\"").contains("\"mpmr\":\"" + "00".repeat(32) + "\"")
                .contains("\"method\":\"caam-mp\"");
    }

    @Test
    void attest_hookAllowsWithFingerprint_provisioned() throws Exception {
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        policy(null, fingerprint, Duration.ofSeconds(2));
        assertThat(attest("SN000001").status()).isEqualTo(200);
    }

    @Test
    void attest_hookDenies_policyViolationDenied() throws Exception {
        policy(caPem(), null, Duration.ofSeconds(2));
        answer.set("deny");
        assertThat(detail(attest("SN000002"))).isEqualTo("policy-violation / decision hook: denied");
        assertThat(server.imprint().orders().get("o1").used()).isZero();
    }

    @Test
    void attest_hookSlow_refusedAsTimeout() throws Exception {
        policy(caPem(), null, Duration.ofMillis(300));
        answer.set("slow");
        assertThat(detail(attest("SN000003"))).isEqualTo("policy-violation / decision hook: timeout");
        assertThat(server.imprint().events().countsByOutcome(null, null)).containsEntry("policy-violation", 1L);
    }

    @Test
    void attest_hookAnswers500_refusedAsError() throws Exception {
        policy(caPem(), null, Duration.ofSeconds(2));
        answer.set("500");
        assertThat(detail(attest("SN000004"))).isEqualTo("policy-violation / decision hook: error");
    }

    @Test
    void attest_hookFingerprintDiffers_refusedAsError() throws Exception {
        policy(null, "ab".repeat(32), Duration.ofSeconds(2));
        assertThat(detail(attest("SN000005"))).isEqualTo("policy-violation / decision hook: error");
    }
}
