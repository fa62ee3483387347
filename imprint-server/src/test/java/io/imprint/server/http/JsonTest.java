package io.imprint.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import io.imprint.server.orders.OrderRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Json's no-coercion rules on a message with numbers and booleans (the admin API's order request). */
class JsonTest {
    private final Json json = new Json();

    @Test
    void read_rightTypes_parsed() {
        OrderRequest r = json.read(order("5", "false"), OrderRequest.class);
        assertThat(r.quantity()).isEqualTo(5);
        assertThat(r.draft()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5\"", "5.0", "true", "null", "[5]"})
    void read_quantityNotAnInteger_malformed(String quantity) {
        assertMalformed(order(quantity, "false"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "0", "\"false\""})
    void read_draftNotABoolean_malformed(String draft) {
        assertMalformed(order("5", draft));
    }

    @Test
    void read_duplicateMember_malformed() {
        assertMalformed(("{\"name\":\"PO-1\",\"name\":\"PO-2\",\"product\":\"p\",\"contractManufacturer\":\"c\","
                + "\"quantity\":5,\"serialRange\":\"SN1..SN5\",\"draft\":false}").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] order(String quantity, String draft) {
        return ("{\"name\":\"PO-1\",\"product\":\"p\",\"contractManufacturer\":\"c\",\"quantity\":" + quantity
                + ",\"serialRange\":\"SN1..SN5\",\"draft\":" + draft + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertMalformed(byte[] body) {
        assertThatThrownBy(() -> json.read(body, OrderRequest.class)).isInstanceOfSatisfying(ImprintException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.MALFORMED_REQUEST));
    }
}
