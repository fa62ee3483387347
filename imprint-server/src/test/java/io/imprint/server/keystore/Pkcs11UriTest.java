package io.imprint.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing RFC 7512 URIs: token attributes, refusals, and no PIN in any message or string form. */
class Pkcs11UriTest {
    @Test
    void parse_tokenAndSerial_areTokenAttributes() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=day%20oem;serial=5f3c;object=k?pin-value=secret123");
        assertThat(uri.tokenAttributes()).isEqualTo(Map.of("token", "day oem", "serial", "5f3c"));
        assertThat(uri.namesToken()).isTrue();
        assertThat(uri.selector()).isEqualTo("token=day oem;serial=5f3c");
    }

    @Test
    void toString_pinValue_isHidden() {
        assertThat(Pkcs11Uri.parse("pkcs11:token=oem?pin-value=secret123")).hasToString("pkcs11:token=oem?pin-value=***");
    }

    @Test
    void parse_slotIdOnly_namesNoToken() {
        Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:slot-id=42?pin-value=secret123");
        assertThat(uri.namesToken()).isFalse();
        assertThat(uri.slotId()).contains(42L);
    }

    @Test
    void parse_partWithoutEquals_refusedWithoutEchoingIt() {
        // A PIN typed into the path by mistake must not come back in the error.
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=oem;secret123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attribute 2")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void parse_unknownAttribute_refusedNotIgnored() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=oem;slot-description=secret123?pin-value=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported")
                .hasMessageNotContaining("secret123");
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=oem?pin-value=1&pinvalue=secret123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret123");
    }

    @Test
    void parse_slotListIndexWithToken_refused() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=oem?x-slot-list-index=1&pin-value=secret123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x-slot-list-index cannot be combined")
                .hasMessageNotContaining("secret123");
    }

    @Test
    void parse_repeatedPinValue_refusedWithoutValue() {
        assertThatThrownBy(() -> Pkcs11Uri.parse("pkcs11:token=oem?pin-value=secret123&pin-value=other"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pkcs11 URI repeats attribute pin-value");
    }
}
