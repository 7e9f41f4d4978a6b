package io.chatplatform.adapter.http.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.adapter.http.TrustedProxies;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses(TrustedProxies.of("10.0.0.0/8", "127.0.0.1", "::1"));

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        ClientAddresses direct = new ClientAddresses(TrustedProxies.NONE);
        assertThat(direct.resolve("192.0.2.1", List.of("203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void a_peer_that_is_not_a_trusted_proxy_is_the_client() {
        assertThat(behindProxies.resolve("192.0.2.1", List.of("203.0.113.9"))).isEqualTo("192.0.2.1");
    }

    @Test
    void behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("198.51.100.1, 203.0.113.9, 10.9.9.9")))
                .as("a client's own entries come first; proxies append").isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("127.0.0.1", List.of("198.51.100.1", "203.0.113.9")))
                .as("several headers are one list").isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve("::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void when_every_hop_is_trusted_the_farthest_is_the_client() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("10.0.0.5, 10.0.0.6"))).isEqualTo("10.0.0.5");
        assertThat(behindProxies.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void a_hop_that_is_not_an_address_ends_the_walk_and_is_never_looked_up() {
        assertThat(behindProxies.resolve("10.1.2.3", List.of("203.0.113.9, example.com, 10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("unknown"))).isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve("10.1.2.3", List.of("x".repeat(500)))).isEqualTo("10.1.2.3");
    }

    @Test
    void an_entry_that_is_no_address_is_refused_with_its_text() {
        assertThatThrownBy(() -> TrustedProxies.of("10.0.0.0/8", "nginx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'nginx' is not an IP address or CIDR block");
    }
}
