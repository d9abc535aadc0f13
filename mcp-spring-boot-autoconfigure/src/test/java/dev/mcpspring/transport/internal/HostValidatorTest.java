package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HostValidator}: the Host half of the DNS-rebinding defence. */
class HostValidatorTest {

    private final HostValidator defaults = new HostValidator(List.of(), false);

    private final HostValidator withList = new HostValidator(
            List.of("mcp.example.com", " API.example.com:8443 ", "[2001:db8::1]", "10.0.0.5:9000"), false);

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "localhost:8080", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:65535", "[::1]",
            "[::1]:3000" })
    void loopbackHostsOnAnyPortAreAllowed(String host) {
        assertThat(defaults.isAllowed(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "evil.example.com", "localhost.evil.com", "localhost.", "127.0.0.1.nip.io", "127.0.0.2",
            "0.0.0.0", "::1", "[::1", "[::2]", "[::1]:x", "localhost:65536", "localhost:-1", "localhost:",
            "localhost:80@evil.com", "evil.com@localhost", "localhost/x", "local host", "", "mcp.example.com" })
    void everythingElseIsRefusedByDefault(String host) {
        assertThat(defaults.isAllowed(host)).isFalse();
    }

    @Test
    void aMissingHostIsRefused() {
        assertThat(defaults.isAllowed(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "mcp.example.com", "mcp.example.com:1", "MCP.example.com:443", "api.example.com:8443",
            "[2001:db8::1]", "[2001:DB8::1]:8080", "10.0.0.5:9000", "localhost:1" })
    void listedHostsAreAllowedWithOrWithoutTheirPort(String host) {
        assertThat(withList.isAllowed(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "api.example.com", "api.example.com:8444", "mcp.example.com.evil.com",
            "sub.mcp.example.com", "xmcp.example.com", "mcp.example.co", "10.0.0.5", "10.0.0.5:9001",
            "[2001:db8::2]" })
    void listedHostsMatchExactly(String host) {
        assertThat(withList.isAllowed(host)).isFalse();
    }

    @Test
    void aStarAllowsEveryHost() {
        HostValidator all = new HostValidator(List.of("*"), false);

        assertThat(all.isAllowed("anything.example")).isTrue();
        assertThat(all.isAllowed(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://mcp.example.com", "mcp.example.com/path", "mcp.example.com:port" })
    void aMalformedEntryFailsAtStartUp(String entry) {
        assertThatThrownBy(() -> new HostValidator(List.of(entry), false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("mcp.server.security.allowed-hosts");
    }
}
