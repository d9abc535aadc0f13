package dev.mcpspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * With a real tracer (Brave, W3C propagation) behind the observation registry, a tool runs in a span of the
 * client's trace: the trace id of the {@code traceparent} in the request's {@code _meta}, its span as parent.
 */
@SpringBootTest(classes = { TracingHttpTests.TracingApplication.class, TracingHttpTests.SpanTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracingHttpTests {

    static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    static final String PARENT_SPAN_ID = "b7ad6b7169203331";

    @LocalServerPort
    int port;

    @Autowired
    SpanTools tools;

    @Test
    void aModernRequestContinuesTheClientsTrace() {
        McpTestClient http = McpTestClient.create(port).protocolVersion(null);
        ObjectNode params = http.mapper().createObjectNode().put("name", "span");
        params.putObject("arguments");
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.put("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01");

        http.post(http.message(http.nextId(), "tools/call", params))
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", "tools/call")
            .header("Mcp-Name", "span")
            .send();

        assertThat(tools.seen).containsExactly(TRACE_ID + "/" + PARENT_SPAN_ID);
    }

    @Test
    void aLegacySessionsRequestContinuesTheClientsTraceToo() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        tools.seen.clear();

        client.request("tools/call", Map.of("name", "span", "arguments", Map.of(), "_meta",
                Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01")));

        assertThat(tools.seen).containsExactly(TRACE_ID + "/" + PARENT_SPAN_ID);
    }

    /** Notes the trace and parent span of the span it runs in. */
    @Component
    public static class SpanTools {

        final List<String> seen = new CopyOnWriteArrayList<>();

        private final Tracer tracer;

        public SpanTools(Tracer tracer) {
            this.tracer = tracer;
        }

        @McpTool(description = "Notes the current span")
        public String span() {
            Span current = tracer.currentSpan();
            seen.add(current == null ? "none" : current.context().traceId() + "/" + current.context().parentId());
            return "ok";
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
    static class TracingApplication {

        @Bean(destroyMethod = "close")
        Tracing tracing() {
            return Tracing.newBuilder()
                .currentTraceContext(ThreadLocalCurrentTraceContext.newBuilder().build())
                .propagationFactory(new W3CPropagation())
                .traceId128Bit(true)
                .supportsJoin(false)
                .build();
        }

        @Bean
        Tracer tracer(Tracing tracing) {
            return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()));
        }

        @Bean
        ObservationRegistry observationRegistry(Tracer tracer, Tracing tracing) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                .observationHandler(new PropagatingReceiverTracingObservationHandler<>(tracer,
                        new BravePropagator(tracing)));
            return registry;
        }
    }
}
