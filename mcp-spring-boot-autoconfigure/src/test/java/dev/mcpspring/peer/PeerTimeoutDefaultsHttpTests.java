package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;

/**
 * The default time-outs of {@code mcp.server.peer.*}: a call without its own time-out fails with
 * {@link McpPeerTimeoutException} after the configured one, and the client's request is cancelled.
 */
@SpringBootTest(classes = { PeerTestApplication.class, PeerTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.peer.sampling-timeout=300ms", "mcp.server.peer.elicitation-timeout=350ms",
                "mcp.server.peer.request-timeout=250ms" })
class PeerTimeoutDefaultsHttpTests extends PeerHttpTestSupport {

    static Stream<Arguments> calls() {
        return Stream.of(Arguments.of("sample", "sampling/createMessage", 300),
                Arguments.of("askName", "elicitation/create", 350), Arguments.of("roots", "roots/list", 250),
                Arguments.of("pingClient", "ping", 250));
    }

    @ParameterizedTest(name = "{1} times out after {2} ms")
    @MethodSource("calls")
    void theConfiguredTimeOutEndsTheCallAndCancelsTheRequest(String tool, String method, int millis) {
        McpTestClient client = connectWithAllCapabilities();
        String key = key();

        try (OpenRequest call = client.startToolCall(tool, args(key))) {
            JsonNode request = call.nextRequest(method, WAIT);

            JsonNode cancelled = call.nextNotification("notifications/cancelled", WAIT);
            assertThat(cancelled.path("params").path("requestId")).isEqualTo(request.get("id"));
            assertThat(cancelled.path("params").path("reason").asString()).isEqualTo("timed out");
            assertThat(errorText(call.result(WAIT))).contains(method).contains("within " + millis + " ms");
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpPeerTimeoutException.class)
            .hasMessageContaining(method)
            .hasMessageContaining(millis + " ms");
    }
}
