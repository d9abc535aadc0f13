package dev.mcpspring.peer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.ModelPreferences;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.protocol.UrlElicitationRequiredException;
import dev.mcpspring.server.ClientSupport;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolHandler;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools that talk back to the client, some registered as {@link ToolSpecification} beans, some as
 * {@link McpTool @McpTool} methods declaring a {@link PeerHandle}. Each records what its call to the client
 * returned or threw in {@link Outcomes} under the {@code key} argument the test passes.
 * <ul>
 * <li>{@code sample(key, prompt?, maxTokens?, systemPrompt?, modelHint?, withTools?, timeoutMillis?)}: samples
 * through the request's handle; also records {@code key + ON_CANCEL} from an {@code onCancel} callback and
 * {@code key + IS_CANCELLED} after the call</li>
 * <li>{@code sampleAfterCancel(key)}: logs, waits until its request is cancelled, then samples anyway</li>
 * <li>{@code capability(what)}: calls the client where the capability {@code what} is needed and reports the
 * {@link McpClientCapabilityException}</li>
 * <li>{@code background(key)}: starts a thread that samples through the session's handle, and returns at
 * once</li>
 * <li>{@code report(steps)}: progress per step, then one log message at each of debug, info, warning,
 * error</li>
 * <li>{@code twoStreams}: logs once through the session's handle and once through the request's</li>
 * <li>{@code roots(key)}, {@code askName(key)}, {@code signIn(key, url)}, {@code pingClient(key)},
 * {@code needsAuthorization(url)}: annotated</li>
 * </ul>
 */
@TestConfiguration(proxyBeanMethods = false)
public class PeerTools {

    /** Suffix of the key under which the {@code sample} tool's {@code onCancel} callback records. */
    static final String ON_CANCEL = "/onCancel";

    /** Suffix of the key under which the {@code sample} tool records {@code isCancelled()} after its call. */
    static final String IS_CANCELLED = "/isCancelled";

    /** The tool offered to the client's model by {@code sample(withTools: true)}. */
    static final Tool WEATHER = new Tool("get_weather", null, "The weather in a city",
            objectSchema("city", "string"), null, null, null, null);

    /** The form {@code askName} asks the user to fill in. */
    static final ObjectNode NAME_FORM = nameForm();

    @Bean
    Outcomes peerOutcomes() {
        return new Outcomes();
    }

    @Bean
    AnnotatedPeerTools annotatedPeerTools(Outcomes outcomes) {
        return new AnnotatedPeerTools(outcomes);
    }

    @Bean
    ToolSpecification sampleTool(Outcomes outcomes) {
        return tool("sample", invocation -> {
            ObjectNode args = invocation.arguments();
            String key = args.path("key").asString();
            PeerHandle peer = invocation.context().peer();
            peer.onCancel(() -> outcomes.set(key + ON_CANCEL, peer.isCancelled()));
            SamplingRequest request = SamplingRequest.ofUserText(args.path("prompt").asString(key),
                    args.path("maxTokens").asInt(100));
            if (args.has("systemPrompt")) {
                request = request.withSystemPrompt(args.path("systemPrompt").asString());
            }
            if (args.has("modelHint")) {
                request = request.withModelPreferences(new ModelPreferences(
                        List.of(new ModelPreferences.Hint(args.path("modelHint").asString())), 0.2, 0.5, 0.9));
            }
            if (args.path("withTools").asBoolean(false)) {
                request = request.withTools(List.of(WEATHER), SamplingRequest.ToolChoice.AUTO);
            }
            long timeoutMillis = args.path("timeoutMillis").asLong(0);
            SamplingRequest sampling = request;
            try {
                SamplingResult result = outcomes.record(key, () -> timeoutMillis > 0
                        ? peer.sample(sampling, Duration.ofMillis(timeoutMillis)) : peer.sample(sampling));
                return CallToolResult.text(result.text() + "|model=" + result.model() + "|stop="
                        + result.stopReason() + "|toolUses=" + result.toolUses().size());
            }
            finally {
                outcomes.set(key + IS_CANCELLED, peer.isCancelled());
            }
        });
    }

    @Bean
    ToolSpecification sampleAfterCancelTool(Outcomes outcomes) {
        return tool("sampleAfterCancel", invocation -> {
            String key = invocation.arguments().path("key").asString();
            PeerHandle peer = invocation.context().peer();
            CountDownLatch cancelled = new CountDownLatch(1);
            peer.onCancel(cancelled::countDown);
            peer.log(LoggingLevel.INFO, "sampleAfterCancel", Map.of("state", "waiting for cancellation"));
            try {
                if (!cancelled.await(10, TimeUnit.SECONDS)) {
                    return CallToolResult.error("never cancelled");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            // a careless tool goes on after the cancellation and asks the client anyway
            return CallToolResult.text(outcomes.record(key, () -> peer.sampleText("anyone there?", 10)));
        });
    }

    @Bean
    ToolSpecification capabilityTool() {
        return tool("capability", invocation -> {
            PeerHandle peer = invocation.context().peer();
            Duration wait = Duration.ofSeconds(3);
            String what = invocation.arguments().path("what").asString();
            try {
                switch (what) {
                    case "sampling" -> peer.sample(SamplingRequest.ofUserText("hi", 10), wait);
                    case "sampling.tools" -> peer.sample(SamplingRequest.ofUserText("hi", 10)
                        .withTools(List.of(WEATHER), SamplingRequest.ToolChoice.REQUIRED), wait);
                    case "elicitation.form" -> peer.elicit(ElicitationRequest.form("Name?", NAME_FORM), wait);
                    case "elicitation.url" -> peer.elicit(
                            ElicitationRequest.url("Sign in", "https://auth.example.com/start", "e-1"), wait);
                    case "roots" -> peer.listRoots(wait);
                    default -> throw new IllegalArgumentException("unknown capability " + what);
                }
                return CallToolResult.text("sent");
            }
            catch (McpClientCapabilityException ex) {
                return CallToolResult.text(ex.capability() + "|" + ex.getMessage());
            }
        });
    }

    @Bean
    ToolSpecification backgroundTool(Outcomes outcomes) {
        return tool("background", invocation -> {
            String key = invocation.arguments().path("key").asString();
            PeerHandle session = invocation.context().sessionPeer();
            Thread worker = new Thread(() -> {
                try {
                    outcomes.record(key, () -> session.sample(SamplingRequest.ofUserText("background " + key, 50),
                            Duration.ofSeconds(10)));
                }
                catch (RuntimeException ex) {
                    // recorded
                }
            }, "background-" + key);
            worker.setDaemon(true);
            worker.start();
            return CallToolResult.text("started");
        });
    }

    @Bean
    ToolSpecification reportTool() {
        return tool("report", invocation -> {
            PeerHandle peer = invocation.context().peer();
            int steps = invocation.arguments().path("steps").asInt();
            for (int step = 1; step <= steps; step++) {
                peer.progress(step, steps, "step " + step); // an int total: the overload of a known total
            }
            for (LoggingLevel level : List.of(LoggingLevel.DEBUG, LoggingLevel.INFO, LoggingLevel.WARNING,
                    LoggingLevel.ERROR)) {
                peer.log(level, "report", Map.of("level", level.wireName()));
            }
            return CallToolResult.text("reported");
        });
    }

    @Bean
    ToolSpecification twoStreamsTool() {
        return tool("twoStreams", invocation -> {
            invocation.context().sessionPeer().log(LoggingLevel.NOTICE, "session", Map.of("via", "session"));
            invocation.context().peer().log(LoggingLevel.NOTICE, "request", Map.of("via", "request"));
            return CallToolResult.text("logged twice");
        });
    }

    /** The annotated tools; each declares a {@link PeerHandle} parameter. */
    public static class AnnotatedPeerTools {

        private final Outcomes outcomes;

        AnnotatedPeerTools(Outcomes outcomes) {
            this.outcomes = outcomes;
        }

        @McpTool(description = "Lists the client's roots")
        public String roots(String key, PeerHandle peer) {
            List<Root> roots = outcomes.record(key, peer::listRoots);
            return roots.stream()
                .map(root -> root.uri() + (root.name() == null ? "" : " (" + root.name() + ")"))
                .collect(Collectors.joining(", "));
        }

        @McpTool(description = "Asks the user for their name")
        public String askName(String key, PeerHandle peer) {
            ElicitationResult result = outcomes.record(key,
                    () -> peer.elicit(ElicitationRequest.form("What is your name?", NAME_FORM)));
            return result.action().wireName() + (result.content() == null ? "" : " " + result.content());
        }

        @McpTool(description = "Sends the user to a sign-in page")
        public String signIn(String key, String url, PeerHandle peer) {
            ElicitationResult result = outcomes.record(key, () -> peer.elicitUrl("Please sign in", url, key));
            if (result.isAccepted()) {
                peer.notifyElicitationComplete(key);
            }
            return result.action().wireName();
        }

        @McpTool(description = "Says what the client can be asked")
        public ClientSupport support(PeerHandle peer) {
            return peer.clientSupport();
        }

        @McpTool(description = "Pings the client")
        public String pingClient(String key, PeerHandle peer) {
            return outcomes.record(key, () -> {
                peer.ping();
                return "pong";
            });
        }

        @McpTool(description = "Needs the user to authorize access first")
        public String needsAuthorization(String url) {
            throw new UrlElicitationRequiredException("Authorization is required before the files can be read",
                    List.of(ElicitationRequest.url("Authorize access to your files", url, "auth-1")));
        }
    }

    private static ToolSpecification tool(String name, ToolHandler handler) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        return new ToolSpecification(new Tool(name, null, "Test tool " + name, schema, null, null, null, null),
                handler);
    }

    private static ObjectNode objectSchema(String property, String type) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject(property).put("type", type);
        schema.putArray("required").add(property);
        return schema;
    }

    private static ObjectNode nameForm() {
        ObjectNode schema = objectSchema("name", "string");
        ((ObjectNode) schema.get("properties")).putObject("age").put("type", "integer");
        return schema;
    }
}
