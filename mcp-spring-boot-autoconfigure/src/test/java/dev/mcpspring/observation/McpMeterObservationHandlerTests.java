package dev.mcpspring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.McpRequestObserver;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The meters of MCP observations are the ones Micrometer's default handler records, names, tags and counts alike,
 * while each meter is looked up once per tag set.
 */
class McpMeterObservationHandlerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void theMetersAreTheDefaultHandlersNamesTagsAndCountsAlike() {
        SimpleMeterRegistry byDefault = new SimpleMeterRegistry();
        McpMeterObservationHandler handler = new McpMeterObservationHandler(meters, true);

        observe(handler, this::callsOfEveryKind);
        observe(new DefaultMeterObservationHandler(byDefault), this::callsOfEveryKind);

        // five timers (by outcome) and four long-task timers (the start knows no outcome)
        assertThat(describe(meters)).isEqualTo(describe(byDefault)).hasSize(9);
        assertThat(handler.rememberedMeters()).isEqualTo(9);
    }

    @Test
    void aCallWhileItRunsIsInTheLongTaskTimerUnlessThatIsIgnored() {
        McpRequestObserver observer = new ObservationRequestObserver(
                registryWith(new McpMeterObservationHandler(meters, true)));
        McpRequestObserver.Scope scope = observer.startNotification(request("slow"));

        assertThat(meters.get("mcp.server.operation.duration.active").longTaskTimer().activeTasks()).isEqualTo(1);
        scope.close();
        assertThat(meters.get("mcp.server.operation.duration.active").longTaskTimer().activeTasks()).isZero();

        SimpleMeterRegistry withoutActive = new SimpleMeterRegistry();
        observe(new McpMeterObservationHandler(withoutActive, false), this::callsOfEveryKind);
        assertThat(withoutActive.getMeters()).extracting(meter -> meter.getId().getName())
            .doesNotContain("mcp.server.operation.duration.active").contains("mcp.server.operation.duration");
    }

    @Test
    void onlyMcpObservationsAreItsOwn() {
        MeterObservationHandler<Observation.Context> handler = new McpMeterObservationHandler(meters, true);

        assertThat(handler.supportsContext(new Observation.Context())).isFalse();
        assertThat(handler.supportsContext(new McpServerObservationContext(request("echo")))).isTrue();
    }

    @Test
    void beyondTheRememberedTagSetsEveryCallIsStillCounted() {
        McpMeterObservationHandler handler = new McpMeterObservationHandler(meters, false);
        int tools = McpMeterObservationHandler.MAX_CACHED + 5;

        observe(handler, observer -> {
            for (int i = 0; i < tools; i++) {
                observer.startNotification(request("tool-" + i)).close();
            }
            observer.startNotification(request("tool-0")).close();
        });

        List<Timer> timers = meters.find("mcp.server.operation.duration").timers().stream().toList();
        assertThat(timers).hasSize(tools);
        assertThat(timers.stream().mapToLong(Timer::count).sum()).isEqualTo(tools + 1);
        assertThat(meters.get("mcp.server.operation.duration").tag("gen_ai.tool.name", "tool-0").timer().count())
            .isEqualTo(2);
        assertThat(handler.rememberedMeters()).isEqualTo(McpMeterObservationHandler.MAX_CACHED);
    }

    /** Two successful calls, a tool error, an error response, a failure, and a request to the client. */
    private void callsOfEveryKind(McpRequestObserver observer) {
        observer.startNotification(request("echo")).close();
        observer.startNotification(request("echo")).close();
        McpRequestObserver.Scope toolError = observer.startNotification(request("broken"));
        toolError.toolError();
        toolError.close();
        McpRequestObserver.Scope unknown = observer.startNotification(request("unknown"));
        unknown.errorResponse(new JsonRpcError(-32602, "Unknown tool: 'unknown'"));
        unknown.close();
        McpRequestObserver.Scope failed = observer.startNotification(request("echo"));
        failed.error(new IllegalStateException("failed"));
        failed.close();
        observer.startClientRequest(McpObservationConventionTests.message("sampling/createMessage",
                IntNode.valueOf(1), "s1", JSON.createObjectNode())).close();
    }

    private static void observe(MeterObservationHandler<?> handler, Consumer<McpRequestObserver> calls) {
        calls.accept(new ObservationRequestObserver(registryWith(handler)));
    }

    private static ObservationRegistry registryWith(MeterObservationHandler<?> handler) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(handler);
        return registry;
    }

    /** A {@code tools/call} of {@code tool} (observed as the server observes any message it received). */
    private static McpMessageContext request(String tool) {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        return McpObservationConventionTests.message("tools/call", IntNode.valueOf(7), "s1", params);
    }

    /** Every meter's type, name and tags with what it counted. */
    private static Map<String, String> describe(MeterRegistry registry) {
        Map<String, String> described = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String count = meter instanceof Timer timer ? "count=" + timer.count()
                    : meter instanceof io.micrometer.core.instrument.LongTaskTimer active
                            ? "active=" + active.activeTasks() : "other";
            described.put(meter.getId().getType() + " " + meter.getId().getName() + " " + meter.getId().getTags(),
                    count);
        }
        return described;
    }
}
