package io.imprint.server.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.ServerConfig;
import io.imprint.server.orders.OrderRequest;
import io.imprint.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Orders whose serials the server hands out in sequence never take offline units. */
class ServerSerialOrderBundleTest {
    @Test
    void orderFor_serverAssigningOrder_conflictAndNothingTaken(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(ServerConfig.defaults(dir).withPort(0), null)) {
            server.imprint().orders().create(new OrderRequest("PO-S", TestServer.PRODUCT, "acme-ems", 10,
                    "SN000001..SN000010", "server", null, null, false));
            assertThatThrownBy(() -> server.imprint().bundles().orderFor(TestServer.PRODUCT, "PO-S", List.of("SN000003")))
                    .isInstanceOfSatisfying(ImprintException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProblemCode.CONFLICT);
                        assertThat(e.detail()).contains("--serial-mode device");
                    });
            assertThat(server.imprint().orders().get("PO-S").used()).isZero();
        }
    }
}
