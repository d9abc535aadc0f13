package dev.mcpspring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import brave.Span.Kind;
import brave.Tracing;
import brave.context.slf4j.MDCScopeDecorator;
import brave.handler.MutableSpan;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.test.TestSpanHandler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Over real HTTP, with a real meter registry (simple and Prometheus) and a real tracer (Brave, W3C propagation,
 * the MDC decorator Spring Boot installs, an in-memory span handler): the exact names and tags of the
 * observations of MCP messages after the OpenTelemetry semantic conventions for MCP, their spans, the client span
 * of a sampling call inside a tool and the trace context it carries to the client, the session duration and the
 * gauges, in both protocol eras.
 */
@SpringBootTest(classes = { McpObservabilityHttpTests.ObservedApplication.class,
        McpObservabilityHttpTests.ObservedTools.class }, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class McpObservabilityHttpTests {

    static final String OPERATION = "mcp.server.operation.duration";

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    SimpleMeterRegistry meters;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    TestSpanHandler spans;

    @Autowired
    ObservedTools tools;

    @BeforeEach
    void forgetSpans() {
        spans.clear();
        tools.seen.clear();
    }

    @Test
    void aToolCallIsTimedAndTracedAfterTheConventions() {
        McpTestClient client = McpTestClient.create(port);
        client.connect("2025-11-25");

        JsonNode result = client.callTool("weather", Map.of()).result();

        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(tags(timer(OPERATION, "gen_ai.tool.name", "weather", "mcp.protocol.version", "2025-11-25")))
            .containsExactlyInAnyOrderEntriesOf(Map.of("mcp.method.name", "tools/call", "gen_ai.tool.name", "weather",
                    "gen_ai.operation.name", "execute_tool", "mcp.protocol.version", "2025-11-25",
                    "network.transport", "tcp", "network.protocol.name", "http", "network.protocol.version", "1.1",
                    "error", "none"));
        MutableSpan span = span(s -> "tools/call weather".equals(s.name()));
        assertThat(span.kind()).isEqualTo(Kind.SERVER);
        assertThat(span.error()).isNull();
        assertThat(span.tags()).containsEntry("mcp.method.name", "tools/call")
            .containsEntry("gen_ai.tool.name", "weather")
            .containsEntry("gen_ai.operation.name", "execute_tool")
            .containsEntry("mcp.session.id", client.sessionId())
            .containsEntry("jsonrpc.request.id", "2") // after initialize, 1
            .doesNotContainKeys("error.type", "rpc.response.status_code", "mcp.resource.uri");
        // the tool ran in that span, with its ids in the MDC (what Spring Boot's logging pattern shows)
        assertThat(tools.seen).containsExactly(span.traceId() + "/" + span.id() + " mdc " + span.traceId() + "/"
                + span.id());
    }

    @Test
    void aToolResultWithIsErrorIsAToolError() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();

        assertThat(client.callTool("broken", Map.of()).result().path("isError").asBoolean()).isTrue();
        assertThat(client.callTool("failing", Map.of()).result().path("isError").asBoolean()).isTrue();

        assertThat(tags(timer(OPERATION, "gen_ai.tool.name", "broken")))
            .containsEntry("error.type", "tool_error")
            .containsEntry("error", "ToolErrorResult")
            .doesNotContainKey("rpc.response.status_code");
        // an annotated tool that threw: the same outcome (its method's failure became the isError result), and
        // the observation has what it threw
        assertThat(tags(timer(OPERATION, "gen_ai.tool.name", "failing"))).containsEntry("error.type", "tool_error")
            .containsEntry("error", "IllegalStateException");
        MutableSpan broken = span(s -> "tools/call broken".equals(s.name()));
        assertThat(broken.tags()).containsEntry("error.type", "tool_error");
        assertThat(broken.error()).isNotNull();
        assertThat(span(s -> "tools/call failing".equals(s.name())).error())
            .isInstanceOf(IllegalStateException.class).hasMessage("the weather service is down");
    }

    @Test
    void whatAResourceOrPromptThrewIsTheObservationsError() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();

        assertThat(client.request("resources/read", Map.of("uri", "notes://broken")).errorCode())
            .isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(client.request("prompts/get", Map.of("name", "broken_prompt")).errorCode())
            .isEqualTo(ErrorCodes.INTERNAL_ERROR);

        assertThat(tags(timer(OPERATION, "mcp.method.name", "resources/read"))).containsEntry("error.type", "-32603")
            .containsEntry("error", "UnsupportedOperationException");
        assertThat(span(s -> "prompts/get broken_prompt".equals(s.name())).error())
            .isInstanceOf(UnsupportedOperationException.class).hasMessage("no prompt today");
    }

    @Test
    void anUnknownToolIsAJsonRpcErrorTaggedOtherWhateverItsName() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();

        assertThat(client.callTool("no_such_tool", Map.of()).errorCode()).isEqualTo(-32602);
        assertThat(client.callTool("no_such_tool_either", Map.of()).errorCode()).isEqualTo(-32602);

        assertThat(tags(timer(OPERATION, "gen_ai.tool.name", "_OTHER")))
            .containsExactlyInAnyOrderEntriesOf(Map.of("mcp.method.name", "tools/call", "gen_ai.tool.name",
                    "_OTHER", "gen_ai.operation.name", "execute_tool", "mcp.protocol.version",
                    McpTestClient.DEFAULT_PROTOCOL_VERSION, "error.type", "-32602", "rpc.response.status_code",
                    "-32602", "network.transport", "tcp", "network.protocol.name", "http",
                    "network.protocol.version", "1.1", "error", "McpException"));
        assertThat(timer(OPERATION, "gen_ai.tool.name", "_OTHER").count()).isEqualTo(2);
        assertThat(meters.find(OPERATION).tag("gen_ai.tool.name", "no_such_tool").meters()).isEmpty();
        MutableSpan span = span(s -> "tools/call _OTHER".equals(s.name()));
        assertThat(span.error()).hasMessageStartingWith("Unknown tool: 'no_such_tool");
        assertThat(span.tags()).containsEntry("error.type", "-32602").containsEntry("rpc.response.status_code",
                "-32602");
    }

    @Test
    void promptsAndResourcesAreNamedByTheirTarget() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();

        client.request("prompts/get", Map.of("name", "greeting", "arguments", Map.of("name", "Ada"))).result();
        client.request("resources/read", Map.of("uri", "notes://today")).result();

        assertThat(tags(timer(OPERATION, "gen_ai.prompt.name", "greeting"))).containsEntry("mcp.method.name",
                "prompts/get").doesNotContainKeys("gen_ai.tool.name", "gen_ai.operation.name", "error.type");
        assertThat(span(s -> "prompts/get greeting".equals(s.name())).kind()).isEqualTo(Kind.SERVER);
        // the resource's URI is on the span (high cardinality), not on the metric
        Timer read = timer(OPERATION, "mcp.method.name", "resources/read");
        assertThat(tags(read)).doesNotContainKey("mcp.resource.uri");
        assertThat(span(s -> "resources/read".equals(s.name())).tags()).containsEntry("mcp.resource.uri",
                "notes://today");
    }

    @Test
    void notificationsAreObservedToo() {
        McpTestClient client = McpTestClient.create(port);
        client.connect("2025-03-26"); // sends notifications/initialized
        client.notify("notifications/roots/list_changed", null);

        assertThat(tags(timer(OPERATION, "mcp.method.name", "notifications/initialized", "mcp.protocol.version",
                "2025-03-26")))
            .containsExactlyInAnyOrderEntriesOf(Map.of("mcp.method.name", "notifications/initialized",
                    "mcp.protocol.version", "2025-03-26", "network.transport", "tcp", "network.protocol.name", "http",
                    "network.protocol.version", "1.1", "error", "none"));
        assertThat(timer(OPERATION, "mcp.method.name", "notifications/roots/list_changed", "mcp.protocol.version",
                "2025-03-26").count()).isEqualTo(1);
        MutableSpan initialized = span(s -> "notifications/initialized".equals(s.name())
                && client.sessionId().equals(s.tag("mcp.session.id")));
        assertThat(initialized.kind()).isEqualTo(Kind.SERVER);
        assertThat(initialized.tags()).doesNotContainKey("jsonrpc.request.id");
    }

    @Test
    void aStatelessRequestContinuesTheClientsTraceWithoutASession() {
        ModernClient modern = new ModernClient(port);
        ObjectNode params = modern.params(Map.of("name", "weather", "arguments", Map.of()));
        ((ObjectNode) params.get("_meta")).put("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01");

        OpenRequest call = modern.start("tools/call", params);
        call.result(TIMEOUT);

        assertThat(tags(timer(OPERATION, "gen_ai.tool.name", "weather", "mcp.protocol.version", "2026-07-28")))
            .containsEntry("mcp.method.name", "tools/call")
            .containsEntry("network.transport", "tcp")
            .doesNotContainKey("error.type");
        MutableSpan span = span(s -> "tools/call weather".equals(s.name()));
        assertThat(span.traceId()).isEqualTo(TRACE_ID);
        assertThat(span.parentId()).isEqualTo(CLIENT_SPAN_ID);
        assertThat(span.tags()).doesNotContainKey("mcp.session.id").containsKey("jsonrpc.request.id");
        assertThat(tools.seen).containsExactly(TRACE_ID + "/" + span.id() + " mdc " + TRACE_ID + "/" + span.id());
    }

    @Test
    void aSessionsRequestContinuesTheClientsTrace() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();

        client.request("tools/call", Map.of("name", "weather", "arguments", Map.of(), "_meta",
                Map.of("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01"))).result();

        MutableSpan span = span(s -> "tools/call weather".equals(s.name()));
        assertThat(span.traceId()).isEqualTo(TRACE_ID);
        assertThat(span.parentId()).isEqualTo(CLIENT_SPAN_ID);
    }

    @Test
    void aSamplingCallIsAClientSpanInTheToolsSpanWhoseContextTheClientReceives() {
        McpTestClient client = McpTestClient.create(port);
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION, Map.of("sampling", Map.of()));
        double pendingBefore = gauge(McpServerMetrics.PENDING_CLIENT_REQUESTS);

        try (OpenRequest call = client.startToolCall("ask", Map.of())) {
            JsonNode sampling = call.nextRequest("sampling/createMessage", TIMEOUT);
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(gauge(McpServerMetrics.PENDING_CLIENT_REQUESTS))
                .isEqualTo(pendingBefore + 1));
            client.respond(sampling.get("id"), Map.of("role", "assistant", "content",
                    Map.of("type", "text", "text", "sunny"), "model", "test-model"));
            assertThat(call.result(TIMEOUT).path("content").get(0).path("text").asString()).isEqualTo("sunny");

            MutableSpan tool = span(s -> "tools/call ask".equals(s.name()));
            MutableSpan sample = span(s -> "sampling/createMessage".equals(s.name()));
            assertThat(sample.kind()).isEqualTo(Kind.CLIENT);
            assertThat(sample.traceId()).isEqualTo(tool.traceId());
            assertThat(sample.parentId()).isEqualTo(tool.id());
            assertThat(sample.tags()).containsEntry("mcp.method.name", "sampling/createMessage")
                .containsEntry("mcp.session.id", client.sessionId())
                .containsEntry("jsonrpc.request.id", sampling.get("id").asString());
            // the W3C trace context of the client span went to the client in the request's params._meta
            assertThat(sampling.path("params").path("_meta").path("traceparent").asString())
                .isEqualTo("00-" + sample.traceId() + "-" + sample.id() + "-01");
        }
        assertThat(tags(timer("mcp.client.operation.duration", "mcp.method.name", "sampling/createMessage")))
            .containsExactlyInAnyOrderEntriesOf(Map.of("mcp.method.name", "sampling/createMessage",
                    "mcp.protocol.version", McpTestClient.DEFAULT_PROTOCOL_VERSION, "network.transport", "tcp",
                    "network.protocol.name", "http", "network.protocol.version", "1.1", "error", "none"));
        await().atMost(TIMEOUT)
            .untilAsserted(() -> assertThat(gauge(McpServerMetrics.PENDING_CLIENT_REQUESTS)).isEqualTo(pendingBefore));
    }

    @Test
    void aSessionsDurationIsRecordedOnceWhenItEndsAndTheGaugesFollowSessionsAndStreams() {
        double sessionsBefore = gauge(McpServerMetrics.ACTIVE_SESSIONS);
        double streamsBefore = gauge(McpServerMetrics.OPEN_SSE_STREAMS);
        McpTestClient client = McpTestClient.create(port);
        client.connect("2025-06-18");
        assertThat(gauge(McpServerMetrics.ACTIVE_SESSIONS)).isEqualTo(sessionsBefore + 1);

        try (SseSubscription stream = client.openStream()) {
            await().atMost(TIMEOUT).untilAsserted(
                    () -> assertThat(gauge(McpServerMetrics.OPEN_SSE_STREAMS)).isEqualTo(streamsBefore + 1));
            assertThat(meters.find(McpServerMetrics.SESSION_DURATION).tag("mcp.protocol.version", "2025-06-18")
                .timer()).isNull();

            assertThat(client.deleteSession().status()).isEqualTo(200);

            await().atMost(TIMEOUT).untilAsserted(
                    () -> assertThat(gauge(McpServerMetrics.OPEN_SSE_STREAMS)).isEqualTo(streamsBefore));
        }
        assertThat(gauge(McpServerMetrics.ACTIVE_SESSIONS)).isEqualTo(sessionsBefore);
        Timer session = timer(McpServerMetrics.SESSION_DURATION, "mcp.protocol.version", "2025-06-18");
        assertThat(tags(session)).containsExactlyInAnyOrderEntriesOf(Map.of("mcp.protocol.version", "2025-06-18",
                "network.transport", "tcp", "network.protocol.name", "http"));
        assertThat(session.count()).isEqualTo(1);
        assertThat(client.deleteSession().status()).isEqualTo(404); // gone: nothing more to record
        assertThat(session.count()).isEqualTo(1);
    }

    @Test
    void prometheusScrapesSuccessesAndFailuresOfOneMetricSideBySide() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        client.callTool("weather", Map.of()).result();
        client.callTool("broken", Map.of()).result();

        String scrape = prometheus.scrape();

        assertThat(scrape).contains("# TYPE mcp_server_operation_duration_seconds summary")
            .containsPattern("mcp_server_operation_duration_seconds_count\\{[^}]*gen_ai_tool_name=\"weather\"")
            .containsPattern("mcp_server_operation_duration_seconds_count\\{[^}]*error_type=\"tool_error\"")
            .contains("mcp_server_active_sessions ")
            .contains("mcp_server_pending_client_requests ");
    }

    private Timer timer(String name, String... tags) {
        Timer timer = meters.find(name).tags(tags).timer();
        assertThat(timer).as("a timer %s with %s among %s", name, List.of(tags), meterIds()).isNotNull();
        return timer;
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private List<String> meterIds() {
        return meters.getMeters().stream().map(Meter::getId).map(Object::toString).toList();
    }

    private static Map<String, String> tags(Meter meter) {
        Map<String, String> tags = new TreeMap<>();
        for (Tag tag : meter.getId().getTags()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        return tags;
    }

    private MutableSpan span(Predicate<MutableSpan> which) {
        await().atMost(TIMEOUT).until(() -> spans.spans().stream().anyMatch(which));
        return spans.spans().stream().filter(which).reduce((first, last) -> last).orElseThrow();
    }

    /** Tools that note the span they run in and what the MDC says of it. */
    @Component
    public static class ObservedTools {

        final List<String> seen = new CopyOnWriteArrayList<>();

        private final Tracer tracer;

        public ObservedTools(Tracer tracer) {
            this.tracer = tracer;
        }

        @McpTool(description = "The weather")
        public String weather() {
            Span span = tracer.currentSpan();
            seen.add((span == null ? "none" : span.context().traceId() + "/" + span.context().spanId()) + " mdc "
                    + MDC.get("traceId") + "/" + MDC.get("spanId"));
            return "sunny";
        }

        @McpTool(description = "Fails as a result")
        public CallToolResult broken() {
            return CallToolResult.error("no weather today");
        }

        @McpTool(description = "Throws")
        public String failing() {
            throw new IllegalStateException("the weather service is down");
        }

        @McpTool(description = "Asks the client's model")
        public String ask(PeerHandle peer) {
            SamplingResult answer = peer.sample(SamplingRequest.ofUserText("What is the weather?", 10));
            return answer.content().toString().contains("sunny") ? "sunny" : "unknown";
        }

        @McpPrompt(description = "Greets")
        public String greeting(String name) {
            return "Hello " + name;
        }

        @McpResource(uri = "notes://today", description = "Today's notes")
        public String notes() {
            return "nothing";
        }

        @McpResource(uri = "notes://broken", description = "Never there")
        public String brokenNotes() {
            throw new UnsupportedOperationException("no notes today");
        }

        @McpPrompt(name = "broken_prompt", description = "Never there")
        public String brokenPrompt() {
            throw new UnsupportedOperationException("no prompt today");
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
    static class ObservedApplication {

        @Bean
        SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        PrometheusMeterRegistry prometheusMeterRegistry() {
            return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }

        @Bean
        @Primary
        CompositeMeterRegistry meterRegistry(SimpleMeterRegistry simple, PrometheusMeterRegistry prometheus) {
            return new CompositeMeterRegistry(io.micrometer.core.instrument.Clock.SYSTEM, List.of(simple, prometheus));
        }

        /** What Spring Boot's metrics auto-configuration does with MeterBinder beans. */
        @Bean
        SmartInitializingSingleton bindMeters(ObjectProvider<MeterBinder> binders, MeterRegistry registry) {
            return () -> binders.orderedStream().forEach(binder -> binder.bindTo(registry));
        }

        @Bean
        TestSpanHandler testSpanHandler() {
            return new TestSpanHandler();
        }

        @Bean(destroyMethod = "close")
        Tracing tracing(TestSpanHandler spans) {
            return Tracing.newBuilder()
                .currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder()
                    .addScopeDecorator(MDCScopeDecorator.get())
                    .build())
                .propagationFactory(new W3CPropagation())
                .traceId128Bit(true)
                .supportsJoin(false)
                .addSpanHandler(spans)
                .build();
        }

        @Bean
        Tracer tracer(Tracing tracing) {
            return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
        }

        @Bean
        ObservationRegistry observationRegistry(Tracer tracer, Tracing tracing, MeterRegistry meters) {
            BravePropagator propagator = new BravePropagator(tracing);
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new FirstMatchingCompositeObservationHandler(
                        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
            return registry;
        }
    }
}
