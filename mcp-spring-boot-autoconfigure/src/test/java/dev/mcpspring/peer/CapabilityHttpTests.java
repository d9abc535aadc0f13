package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A call the client has not declared the capability for fails with {@code McpClientCapabilityException} naming
 * the capability, and nothing is sent: the tool call is answered with one plain JSON body.
 */
@PeerHttpTest
class CapabilityHttpTests extends PeerHttpTestSupport {

    static Stream<Arguments> missingCapabilities() {
        return Stream.of(
                Arguments.of("no sampling", Map.of("roots", Map.of()), "sampling", "sampling"),
                Arguments.of("sampling without tools", Map.of("sampling", Map.of()), "sampling.tools",
                        "sampling.tools"),
                Arguments.of("no elicitation, form", Map.of("sampling", Map.of()), "elicitation.form",
                        "elicitation"),
                Arguments.of("url-only elicitation, form", Map.of("elicitation", Map.of("url", Map.of())),
                        "elicitation.form", "elicitation.form"),
                Arguments.of("no elicitation, url", Map.of(), "elicitation.url", "elicitation"),
                Arguments.of("form-only elicitation, url", Map.of("elicitation", Map.of("form", Map.of())),
                        "elicitation.url", "elicitation.url"),
                Arguments.of("empty elicitation (form only), url", Map.of("elicitation", Map.of()),
                        "elicitation.url", "elicitation.url"),
                Arguments.of("no roots", Map.of("sampling", Map.of(), "elicitation", Map.of()), "roots", "roots"));
    }

    static Stream<Arguments> declaredCapabilities() {
        return Stream.of(
                Arguments.of(Map.of(), List.of(false, false, false, false, false)),
                Arguments.of(Map.of("sampling", Map.of(), "roots", Map.of()), List.of(true, false, false, false, true)),
                Arguments.of(Map.of("sampling", Map.of("tools", Map.of()), "elicitation", Map.of()),
                        List.of(true, true, true, false, false)),
                Arguments.of(Map.of("elicitation", Map.of("url", Map.of())), List.of(false, false, false, true, false)),
                Arguments.of(Map.of("elicitation", Map.of("form", Map.of(), "url", Map.of())),
                        List.of(false, false, true, true, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declaredCapabilities")
    void aToolLearnsWhatTheClientSupportsWithoutCallingIt(Map<String, ?> capabilities, List<Boolean> expected) {
        McpTestClient client = connect(capabilities);

        JsonNode support = onlyResponse(client.callTool("support", Map.of())).path("result").path("structuredContent");

        assertThat(List.of(support.path("sampling").asBoolean(), support.path("samplingWithTools").asBoolean(),
                support.path("formElicitation").asBoolean(), support.path("urlElicitation").asBoolean(),
                support.path("roots").asBoolean())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingCapabilities")
    void aMissingCapabilityFailsTheCallAndSendsNothing(String description, Map<String, ?> capabilities,
            String call, String missing) {
        McpTestClient client = connect(capabilities);

        McpResponse response = client.callTool("capability", Map.of("what", call));

        JsonNode message = onlyResponse(response);
        String text = successText(message.path("result"));
        assertThat(text).startsWith(missing + "|");
        assertThat(text).contains("'" + missing + "'");
    }
}
