package dev.mcpspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;

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
 * Every request is handled inside a receiver observation whose carrier is its {@code _meta}, so that a
 * propagating tracing handler continues the client's trace from {@code traceparent} / {@code tracestate} /
 * {@code baggage}, in both protocol eras; a failing request marks its observation with the error.
 */
@SpringBootTest(classes = { TraceContextHttpTests.TestApplication.class, TraceContextHttpTests.TracedTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceContextHttpTests {

    static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @LocalServerPort
    int port;

    @Autowired
    RecordingHandler handler;

    @Autowired
    TracedTools tools;

    @Test
    void aModernRequestsTraceContextIsReadableFromItsObservation() {
        McpTestClient http = McpTestClient.create(port).protocolVersion(null);
        ObjectNode params = http.mapper().createObjectNode().put("name", "traced");
        params.putObject("arguments");
        ObjectNode meta = params.putObject("_meta");
        meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
        meta.putObject("io.modelcontextprotocol/clientCapabilities");
        meta.put("traceparent", TRACEPARENT).put("tracestate", "vendor=1").put("baggage", "tenant=acme");

        http.post(http.message(http.nextId(), "tools/call", params))
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", "tools/call")
            .header("Mcp-Name", "traced")
            .send();

        Seen seen = handler.seen("tools/call");
        assertThat(seen.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(seen.tracestate()).isEqualTo("vendor=1");
        assertThat(seen.baggage()).isEqualTo("tenant=acme");
        assertThat(seen.protocolVersion()).isEqualTo("2026-07-28");
        assertThat(tools.currentObservations).contains(ObservationRequestObserver.NAME);
    }

    @Test
    void aLegacySessionsRequestsAreObservedTooAndFailuresAreMarked() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        client.request("tools/call", Map.of("name", "no_such_tool", "_meta", Map.of("traceparent", TRACEPARENT)));

        Seen seen = handler.seen("tools/call");
        assertThat(seen.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(seen.protocolVersion()).isEqualTo(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        assertThat(seen.error()).isTrue();
    }

    /** What the handler saw of one observation. */
    record Seen(String method, String protocolVersion, String traceparent, String tracestate, String baggage,
            boolean error) {
    }

    /** Reads the carrier as a propagating tracing handler does. */
    static final class RecordingHandler implements ObservationHandler<ReceiverContext<Object>> {

        final List<Seen> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(ReceiverContext<Object> context) {
            seen.add(new Seen(context.getLowCardinalityKeyValue("mcp.method.name").getValue(),
                    context.getLowCardinalityKeyValue("mcp.protocol.version").getValue(),
                    context.getGetter().get(context.getCarrier(), "traceparent"),
                    context.getGetter().get(context.getCarrier(), "tracestate"),
                    context.getGetter().get(context.getCarrier(), "baggage"), context.getError() != null));
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            // handlers are chosen before the convention names the observation: by the type of its context
            return context instanceof McpServerObservationContext;
        }

        Seen seen(String method) {
            return seen.stream().filter(s -> s.method().equals(method)).reduce((a, b) -> b).orElseThrow();
        }
    }

    /** A tool that notes the observation it runs in. */
    @Component
    public static class TracedTools {

        final List<String> currentObservations = new CopyOnWriteArrayList<>();

        private final ObservationRegistry registry;

        public TracedTools(ObservationRegistry registry) {
            this.registry = registry;
        }

        @McpTool(description = "Notes the current observation")
        public String traced() {
            Observation current = registry.getCurrentObservation();
            currentObservations.add(current == null ? "none" : current.getContext().getName());
            return "ok";
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
    static class TestApplication {

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

        @Bean
        ObservationRegistry observationRegistry(RecordingHandler handler) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(handler);
            return registry;
        }
    }
}
