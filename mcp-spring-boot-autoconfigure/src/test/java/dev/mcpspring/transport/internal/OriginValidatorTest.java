package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OriginValidator}: the DNS-rebinding defence. */
class OriginValidatorTest {

    private final OriginValidator defaults = new OriginValidator(List.of());

    private final OriginValidator withList = new OriginValidator(
            List.of("https://app.example.com", "https://tools.example.org:8443/", " HTTPS://Upper.Example.com "));

    @Test
    void requestsWithoutOriginAreAllowed() {
        assertThat(defaults.isAllowed(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost", "http://localhost:3000", "https://localhost:8443",
            "http://127.0.0.1", "http://127.0.0.1:6274", "http://[::1]", "http://[::1]:5173", "HTTP://LocalHost:1" })
    void loopbackOriginsOnAnyPortAreAllowed(String origin) {
        assertThat(defaults.isAllowed(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example.com", "http://localhost.evil.com", "http://evil.com:80",
            "http://127.0.0.1.nip.io", "http://localhost:3000/path", "ws://localhost:3000", "file://localhost",
            "null", "", "localhost", "http://", "not a uri", "http://0.0.0.0", "http://evil.com#localhost",
            "http://evil.com@localhost", "http://localhost@evil.com", "http://localhost?x", "http://localhost#x",
            "http://localhost:3000/", "http://127.0.0.1.evil.com:3000" })
    void otherOriginsAreRefusedByDefault(String origin) {
        assertThat(defaults.isAllowed(origin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://app.example.com", "https://APP.example.com", "https://app.example.com/",
            "https://tools.example.org:8443", "https://upper.example.com", "http://localhost:9999" })
    void allowListedOriginsMatchCaseInsensitivelyIgnoringATrailingSlash(String origin) {
        assertThat(withList.isAllowed(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://app.example.com", "https://app.example.com:443", "https://app.example.com.evil",
            "https://sub.app.example.com", "https://tools.example.org", "https://tools.example.org:8444" })
    void allowListMatchesSchemeHostAndPortExactly(String origin) {
        assertThat(withList.isAllowed(origin)).isFalse();
    }

    @Test
    void aStarAllowsEveryOrigin() {
        OriginValidator all = new OriginValidator(List.of("*"));

        assertThat(all.isAllowed("https://anything.example")).isTrue();
        assertThat(all.isAllowed("null")).isTrue();
    }
}
