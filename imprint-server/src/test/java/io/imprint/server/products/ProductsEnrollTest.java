package io.imprint.server.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.Imprint;
import io.imprint.server.ServerConfig;
import io.imprint.server.testing.TestDevice;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductsEnrollTest {
    @TempDir Path dir;

    private static ProductEnrollment enrollment(String name) throws Exception {
        return new ProductEnrollment(name, "MIMX8MM6", HexFormat.of().formatHex(TestDevice.SRK_HASH),
                TestDevice.publicKeyHex(TestDevice.newMpKey()), null, TestServer.POLICY);
    }

    @Test
    void enroll_nameDifferingOnlyInCase_conflictAndFirstProductUntouched() throws Exception {
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir))) {
            Product first = imprint.products().enroll(enrollment("Gateway-X"));
            assertThatThrownBy(() -> imprint.products().enroll(enrollment("gateway-x")))
                    .isInstanceOfSatisfying(ImprintException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT));
            assertThat(imprint.products().list()).extracting(Product::name).containsExactly("Gateway-X");
            assertThat(imprint.products().get("Gateway-X").mpKey()).isEqualTo(first.mpKey());
        }
    }

    @Test
    void enroll_badMpKey_malformedAndNothingStored() {
        try (Imprint imprint = Imprint.openOrCreate(ServerConfig.defaults(dir))) {
            assertThatThrownBy(() -> imprint.products().enroll(new ProductEnrollment("p1", "MIMX8MM6",
                    "00".repeat(32), "Public key:\nZZZZ", null, TestServer.POLICY)))
                    .isInstanceOfSatisfying(ImprintException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
            assertThat(imprint.products().list()).isEmpty();
        }
    }
}
