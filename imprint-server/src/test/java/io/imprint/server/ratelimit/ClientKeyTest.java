package io.imprint.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientKeyTest {
    @Test
    void of_ipv4_isTheAddress() {
        assertThat(ClientKey.of("192.0.2.10")).isEqualTo("192.0.2.10");
    }

    @Test
    void of_ipv6InAnyNotation_isItsSlash64() {
        String expected = "20010db800010002::/64";
        assertThat(ClientKey.of("2001:db8:1:2::1")).isEqualTo(expected);
        assertThat(ClientKey.of("[2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd]")).isEqualTo(expected);
        assertThat(ClientKey.of("fe80::1%eth0")).isEqualTo("fe80000000000000::/64");
    }

    @Test
    void of_ipv4MappedIpv6_isTheIpv4Address() {
        assertThat(ClientKey.of("::ffff:192.0.2.10")).isEqualTo("192.0.2.10");
    }

    @Test
    void of_missingOrGarbage_boundedKeyWithoutLookup() {
        assertThat(ClientKey.of(null)).isEqualTo("unknown");
        assertThat(ClientKey.of("")).isEqualTo("unknown");
        assertThat(ClientKey.of("not:an:address:" + "x".repeat(200))).hasSize(64);
    }
}
