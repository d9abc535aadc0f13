package dev.mcpspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.mcpspring.autoconfigure.McpObservationAutoConfiguration;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.McpRequestObserver;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.TransportInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The conventions on their own, with Micrometer's {@link TestObservationRegistry}: the default names and keys, a
 * convention bean of the application's renaming and retagging everything, the trace context a client request
 * carries, and nothing at all with the no-op registry.
 */
class McpObservationConventionTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    @Test
    void theDefaultServerConventionNamesAndTagsAfterTheOpenTelemetryConventions() {
        McpRequestObserver observer = new ObservationRequestObserver(registry);
        ObjectNode params = JSON.createObjectNode().put("name", "weather");
        params.putObject("_meta").put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        McpRequestObserver.Scope scope = observer.startNotification(message("tools/call", StringNode.valueOf("7"),
                "s1", params));
        scope.errorResponse(new JsonRpcError(-32602, "Unknown tool: 'weather'"));
        scope.close();

        TestObservationRegistryAssert.assertThat(registry)
            .hasSingleObservationThat()
            .hasNameEqualTo("mcp.server.operation.duration")
            .hasContextualNameEqualTo("tools/call weather")
            .hasLowCardinalityKeyValue("mcp.method.name", "tools/call")
            .hasLowCardinalityKeyValue("gen_ai.tool.name", "weather")
            .hasLowCardinalityKeyValue("gen_ai.operation.name", "execute_tool")
            .hasLowCardinalityKeyValue("mcp.protocol.version", "2025-11-25")
            .hasLowCardinalityKeyValue("error.type", "-32602")
            .hasLowCardinalityKeyValue("rpc.response.status_code", "-32602")
            .hasLowCardinalityKeyValue("network.transport", "tcp")
            .hasLowCardinalityKeyValue("network.protocol.name", "http")
            .hasLowCardinalityKeyValue("network.protocol.version", "2")
            .hasHighCardinalityKeyValue("mcp.session.id", "s1")
            .hasHighCardinalityKeyValue("jsonrpc.request.id", "7")
            .doesNotHaveLowCardinalityKeyValueWithKey("gen_ai.prompt.name")
            .doesNotHaveLowCardinalityKeyValueWithKey("mcp.session.id")
            .hasError()
            .hasBeenStarted()
            .hasBeenStopped()
            .satisfies(observed -> {
                McpServerObservationContext context = (McpServerObservationContext) observed;
                assertThat(context.getGetter().get(context.getCarrier(), "traceparent")).startsWith("00-4bf92f35");
                assertThat(context.getError()).hasMessage("Unknown tool: 'weather'");
            });
    }

    @Test
    void aResourceUriIsHighCardinalityAndANotificationHasNoRequestId() {
        McpRequestObserver observer = new ObservationRequestObserver(registry);

        observer.startNotification(message("resources/read", StringNode.valueOf("x"), null,
                JSON.createObjectNode().put("uri", "file:///notes.txt"))).close();
        observer.startNotification(message("notifications/initialized", null, "s1", null)).close();

        TestObservationRegistryAssert.assertThat(registry)
            .hasNumberOfObservationsEqualTo(2)
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("resources/read")
                .hasHighCardinalityKeyValue("mcp.resource.uri", "file:///notes.txt")
                .doesNotHaveLowCardinalityKeyValueWithKey("mcp.resource.uri")
                .doesNotHaveHighCardinalityKeyValueWithKey("mcp.session.id")
                .doesNotHaveError())
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("notifications/initialized")
                .doesNotHaveHighCardinalityKeyValueWithKey("jsonrpc.request.id")
                .doesNotHaveLowCardinalityKeyValueWithKey("error.type"));
    }

    @Test
    void aToolResultWithIsErrorIsAToolErrorAndAFailureIsItsClassName() {
        McpRequestObserver observer = new ObservationRequestObserver(registry);

        McpRequestObserver.Scope toolError = observer.startNotification(message("tools/call", StringNode.valueOf("1"),
                "s1", JSON.createObjectNode().put("name", "broken")));
        toolError.toolError();
        toolError.close();
        McpRequestObserver.Scope failure = observer.startNotification(message("tools/list", StringNode.valueOf("2"),
                "s1", null));
        failure.error(new IllegalStateException("boom"));
        failure.close();

        TestObservationRegistryAssert.assertThat(registry)
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("tools/call broken")
                .hasLowCardinalityKeyValue("error.type", "tool_error")
                .doesNotHaveLowCardinalityKeyValueWithKey("rpc.response.status_code")
                .hasError())
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("tools/list")
                .hasLowCardinalityKeyValue("error.type", "java.lang.IllegalStateException"));
    }

    @Test
    void namesTheClientMadeUpAreTaggedOtherSoThatTheyMakeNoMetersOfTheirOwn() {
        ToolRegistry tools = new ToolRegistry();
        tools.add(new ToolSpecification(new Tool("weather", null, "The weather", JSON.createObjectNode(), null, null,
                null, null), invocation -> CallToolResult.text("sunny")));
        PromptRegistry prompts = new PromptRegistry();
        prompts.add(new PromptSpecification(new Prompt("greeting", null, null, null, null, null),
                invocation -> GetPromptResult.of(PromptMessage.user("hi"))));
        McpRequestObserver observer = new ObservationRequestObserver(registry, null, null, tools, prompts);

        observer.startNotification(message("tools/call", StringNode.valueOf("1"), "s1",
                JSON.createObjectNode().put("name", "weather"))).close();
        observer.startNotification(message("tools/call", StringNode.valueOf("2"), "s1",
                JSON.createObjectNode().put("name", "made-up-7f3a"))).close();
        observer.startNotification(message("prompts/get", StringNode.valueOf("3"), "s1",
                JSON.createObjectNode().put("name", "made-up-prompt"))).close();
        observer.startNotification(message("made/up/9b1c", StringNode.valueOf("4"), "s1", null)).close();
        observer.startNotification(message("notifications/initialized", null, "s1", null, "1999-01-01")).close();

        TestObservationRegistryAssert.assertThat(registry)
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("tools/call weather")
                .hasLowCardinalityKeyValue("gen_ai.tool.name", "weather"))
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("tools/call _OTHER")
                .hasLowCardinalityKeyValue("gen_ai.tool.name", "_OTHER"))
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("prompts/get _OTHER")
                .hasLowCardinalityKeyValue("gen_ai.prompt.name", "_OTHER"))
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("_OTHER")
                .hasLowCardinalityKeyValue("mcp.method.name", "_OTHER"))
            .hasAnObservation(observation -> observation.hasContextualNameEqualTo("notifications/initialized")
                .hasLowCardinalityKeyValue("mcp.protocol.version", "_OTHER"));
    }

    @Test
    void aClientRequestCarriesItsTraceContextInItsMetaAndIsTimedUnderItsOwnName() {
        registry.observationConfig().observationHandler(new ObservationHandler<McpClientObservationContext>() {
            @Override
            public void onStart(McpClientObservationContext context) { // as a propagating tracing handler does
                context.getSetter().set(context.getCarrier(), "traceparent", "00-abc-def-01");
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof McpClientObservationContext;
            }
        });
        McpRequestObserver observer = new ObservationRequestObserver(registry);
        ObjectNode params = JSON.createObjectNode().put("maxTokens", 10);

        McpRequestObserver.Scope scope = observer.startClientRequest(message("sampling/createMessage",
                StringNode.valueOf("n-1"), "s1", params));
        scope.error(new dev.mcpspring.server.McpPeerTimeoutException("sampling/createMessage",
                java.time.Duration.ofSeconds(1)));
        scope.close();

        assertThat(params.path("_meta").path("traceparent").asString()).isEqualTo("00-abc-def-01");
        TestObservationRegistryAssert.assertThat(registry)
            .hasSingleObservationThat()
            .hasNameEqualTo("mcp.client.operation.duration")
            .hasContextualNameEqualTo("sampling/createMessage")
            .hasLowCardinalityKeyValue("mcp.method.name", "sampling/createMessage")
            .hasLowCardinalityKeyValue("error.type", "timeout")
            .hasHighCardinalityKeyValue("jsonrpc.request.id", "n-1");
    }

    @Test
    void anErrorCodeTheClientMadeUpIsTaggedOtherButTheProtocolsOwnAreKept() {
        McpRequestObserver observer = new ObservationRequestObserver(registry);
        for (int code : new int[] { -1_008_485_536, -1, 42, -32601, -32042 }) {
            McpRequestObserver.Scope scope = observer.startClientRequest(message("roots/list",
                    StringNode.valueOf("n-" + code), "s1", JSON.createObjectNode()));
            scope.errorResponse(new JsonRpcError(code, "refused"));
            scope.close();
        }

        TestObservationRegistryAssert.assertThat(registry)
            .hasNumberOfObservationsWithNameEqualTo("mcp.client.operation.duration", 5)
            .hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("error.type", "-32601")
                .hasLowCardinalityKeyValue("rpc.response.status_code", "-32601"))
            .hasAnObservation(observation -> observation.hasLowCardinalityKeyValue("error.type", "-32042"));
        TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy(contexts ->
                assertThat(contexts).extracting(context -> context.getLowCardinalityKeyValue("error.type").getValue())
                    .containsExactlyInAnyOrder("_OTHER", "_OTHER", "_OTHER", "-32601", "-32042"));
    }

    @Test
    void aClientRequestIsSentUnchangedWhenNothingWasInjected() {
        McpRequestObserver observer = new ObservationRequestObserver(registry);
        ObjectNode params = JSON.createObjectNode();

        observer.startClientRequest(message("ping", StringNode.valueOf("n-2"), "s1", params)).close();

        assertThat(params.isEmpty()).isTrue();
    }

    @Test
    void theNoOpRegistryObservesNothing() {
        McpRequestObserver observer = new ObservationRequestObserver(ObservationRegistry.NOOP);

        assertThat(observer.startNotification(message("tools/list", StringNode.valueOf("1"), "s1", null)))
            .isSameAs(McpRequestObserver.Scope.NONE);
        assertThat(observer.startClientRequest(message("ping", StringNode.valueOf("1"), "s1", null)))
            .isSameAs(McpRequestObserver.Scope.NONE);
        // and a registry without handlers is a no-op one
        assertThat(new ObservationRequestObserver(ObservationRegistry.create())
            .startNotification(message("tools/list", StringNode.valueOf("1"), "s1", null)))
            .isSameAs(McpRequestObserver.Scope.NONE);
    }

    @Test
    void conventionBeansOfTheApplicationRenameAndRetagEverything() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, () -> registry)
            .withBean(McpServerObservationConvention.class, TenantServerConvention::new)
            .withBean(McpClientObservationConvention.class,
                    () -> new DefaultMcpClientObservationConvention("calls.to.clients"))
            .run(context -> {
                McpRequestObserver observer = context.getBean(McpRequestObserver.class);
                observer.startNotification(message("tools/call", StringNode.valueOf("1"), "s1",
                        JSON.createObjectNode().put("name", "weather"))).close();
                observer.startClientRequest(message("roots/list", StringNode.valueOf("2"), "s1",
                        JSON.createObjectNode())).close();
            });

        TestObservationRegistryAssert.assertThat(registry)
            .hasAnObservation(observation -> observation.hasNameEqualTo("mcp.requests")
                .hasContextualNameEqualTo("call weather")
                .hasLowCardinalityKeyValue("tenant", "acme")
                .hasLowCardinalityKeyValue("mcp.method.name", "tools/call")
                .doesNotHaveLowCardinalityKeyValueWithKey("gen_ai.tool.name"))
            .hasAnObservation(observation -> observation.hasNameEqualTo("calls.to.clients")
                .hasContextualNameEqualTo("roots/list"));
    }

    /** What an application's own convention may do: another name, other keys. */
    static class TenantServerConvention extends DefaultMcpServerObservationConvention {

        TenantServerConvention() {
            super("mcp.requests");
        }

        @Override
        public String getContextualName(McpServerObservationContext context) {
            return "call " + context.getToolName();
        }

        @Override
        public KeyValues getLowCardinalityKeyValues(McpServerObservationContext context) {
            return KeyValues.of("mcp.method.name", context.getMethod(), "tenant", "acme");
        }
    }

    private static McpMessageContext message(String method, @Nullable JsonNode id, @Nullable String session,
            @Nullable JsonNode params) {
        return message(method, id, session, params, "2025-11-25");
    }

    private static McpMessageContext message(String method, @Nullable JsonNode id, @Nullable String session,
            @Nullable JsonNode params, String protocolVersion) {
        return new McpMessageContext() {

            @Override
            public String method() {
                return method;
            }

            @Override
            public @Nullable JsonNode requestId() {
                return id;
            }

            @Override
            public @Nullable String sessionId() {
                return session;
            }

            @Override
            public String protocolVersion() {
                return protocolVersion;
            }

            @Override
            public @Nullable JsonNode params() {
                return params;
            }

            @Override
            public TransportInfo transport() {
                return TransportInfo.HTTP_2;
            }
        };
    }
}
