package dev.mcpspring.transport.stdio;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.autoconfigure.McpStdioTransportAutoConfiguration;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stdio transport in an application context, driven through real OS pipes by a client that writes and reads
 * lines: both protocol eras on one pipe, server-to-client requests interleaved with concurrent calls, progress,
 * logs and cancellation, bad lines answered without harm, and the end of input closing the application.
 */
class StdioTransportTests {

    private static final String LEGACY = "2025-06-18";

    private static final String MODERN_META = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",\
            "io.modelcontextprotocol/clientCapabilities":{"sampling":{}},\
            "io.modelcontextprotocol/clientInfo":{"name":"pipe","version":"1"}}""";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class,
                McpStdioTransportAutoConfiguration.class))
        .withPropertyValues("mcp.server.transport.type=stdio", "mcp.server.transport.max-body-size=64KB",
                "mcp.server.name=pipe-server")
        .withBean(StdioTestTools.class);

    private StdioPipes pipes;

    @BeforeEach
    void openPipes() throws IOException {
        pipes = new StdioPipes();
    }

    @AfterEach
    void closePipes() throws IOException {
        pipes.close();
    }

    @Test
    void aLegacyClientInitializesAndCallsToolsOverThePipe() {
        run(context -> {
            initialize("{}");
            pipes.send(request(2, "tools/list", "{}"));
            assertThat(pipes.response(2).path("result").path("tools").findValuesAsString("name"))
                .contains("echo", "ask", "count");
            pipes.send(call(3, "echo", "{\"text\":\"over the pipe\"}"));
            assertThat(text(pipes.response(3))).isEqualTo("over the pipe");
        });
    }

    @Test
    void aSamplingRequestGoesOutOnThePipeWhileOtherCallsAreAnswered() {
        run(context -> {
            initialize("{\"sampling\":{}}");
            pipes.send(call(2, "ask", "{\"prompt\":\"What is MCP?\"}"));
            JsonNode sampling = pipes.message("sampling/createMessage");
            assertThat(sampling.path("params").path("messages").path(0).path("content").path("text").asString())
                .isEqualTo("What is MCP?");

            pipes.send(call(3, "echo", "{\"text\":\"meanwhile\"}")); // answered while "ask" waits for the client
            assertThat(text(pipes.response(3))).isEqualTo("meanwhile");

            pipes.send("{\"jsonrpc\":\"2.0\",\"id\":" + sampling.get("id") + ",\"result\":{\"role\":\"assistant\","
                    + "\"content\":{\"type\":\"text\",\"text\":\"a protocol\"},\"model\":\"m\"}}");
            assertThat(text(pipes.response(2))).isEqualTo("the model said: a protocol");
        });
    }

    @Test
    void anInvalidAnswerToASamplingRequestIsRefusedAndFailsTheCallAtOnce() {
        run(context -> {
            initialize("{\"sampling\":{}}");
            pipes.send(call(2, "ask", "{\"prompt\":\"What is MCP?\"}"));
            JsonNode sampling = pipes.message("sampling/createMessage");

            pipes.send("{\"jsonrpc\":\"2.0\",\"id\":" + sampling.get("id") + "}");
            JsonNode refusal = pipes.next(message -> message.has("error"), "the refusal of the answer");
            assertThat(refusal.get("id").isNull()).isTrue();
            assertThat(refusal.path("error").path("message").asString())
                .contains("exactly one of \"result\" and \"error\"");
            JsonNode call = pipes.response(2);
            assertThat(call.path("result").path("isError").asBoolean()).isTrue();
            assertThat(text(call)).contains("not a valid JSON-RPC response");
        });
    }

    @Test
    void concurrentCallsAnswerInTheOrderTheyFinish() {
        run(context -> {
            initialize("{}");
            pipes.send(call(2, "gate", "{}"));
            pipes.send(call(3, "echo", "{\"text\":\"second, done first\"}"));
            assertThat(text(pipes.response(3))).isEqualTo("second, done first");
            context.getBean(StdioTestTools.class).gate.countDown();
            assertThat(text(pipes.response(2))).isEqualTo("passed");
        });
    }

    @Test
    void progressAndLogMessagesPrecedeTheResult() {
        run(context -> {
            initialize("{}");
            pipes.send(request(2, "logging/setLevel", "{\"level\":\"info\"}"));
            pipes.response(2);
            pipes.send(request(3, "tools/call", "{\"name\":\"count\",\"arguments\":{\"steps\":3},"
                    + "\"_meta\":{\"progressToken\":\"p\"}}"));
            for (int step = 1; step <= 3; step++) {
                JsonNode progress = pipes.message("notifications/progress");
                assertThat(progress.path("params").path("progressToken").asString()).isEqualTo("p");
                assertThat(progress.path("params").path("progress").asInt()).isEqualTo(step);
            }
            assertThat(pipes.message("notifications/message").path("params").path("data").asString())
                .isEqualTo("counted to 3");
            assertThat(text(pipes.response(3))).isEqualTo("counted to 3");
        });
    }

    @Test
    void aCancelledLegacyCallStopsAndGetsNoResponse() {
        run(context -> {
            initialize("{}");
            pipes.send(call(2, "wait_for_cancel", "{}"));
            assertThat(context.getBean(StdioTestTools.class).waiting.await(10, TimeUnit.SECONDS)).isTrue();
            pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":2,"
                    + "\"reason\":\"changed my mind\"}}");
            await().atMost(StdioPipes.TIMEOUT)
                .until(() -> context.getBean(StdioTestTools.class).cancelled.getCount() == 0);
            pipes.send(call(3, "echo", "{\"text\":\"still here\"}"));
            assertThat(text(pipes.response(3))).isEqualTo("still here");
            assertNoResponseTo(2);
        });
    }

    @Test
    void aModernClientIsServedWithoutASessionOnTheSamePipe() {
        run(context -> {
            pipes.send(request(1, "server/discover", "{" + MODERN_META + "}"));
            JsonNode discovered = pipes.response(1).path("result");
            assertThat(discovered.path("supportedVersions").path(0).asString()).isEqualTo("2026-07-28");
            assertThat(discovered.path("resultType").asString()).isEqualTo("complete");

            pipes.send(modernCall(2, "echo", "{\"text\":\"no session\"}"));
            JsonNode answer = pipes.response(2);
            assertThat(text(answer)).isEqualTo("no session");
            assertThat(answer.path("result").path("_meta").path("io.modelcontextprotocol/serverInfo").path("name")
                .asString()).isEqualTo("pipe-server");

            pipes.send(request(3, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"},"
                    + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}"));
            assertThat(pipes.response(3).path("error").path("code").asInt()).as("capabilities missing")
                .isEqualTo(-32602);
            pipes.send(request(4, "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"x\"},"
                    + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2099-01-01\"}}"));
            JsonNode unsupported = pipes.response(4).path("error");
            assertThat(unsupported.path("code").asInt()).isEqualTo(-32022);
            assertThat(unsupported.path("data").path("supported").toString()).contains("2026-07-28");
            pipes.send(request(5, "tools/list", "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":20260728}}"));
            JsonNode malformed = pipes.response(5).path("error");
            assertThat(malformed.path("code").asInt()).as("a version that is no string: a modern request, malformed")
                .isEqualTo(-32602);
            assertThat(malformed.path("message").asString()).contains("protocolVersion");
        });
    }

    @Test
    void aModernQuestionToTheClientIsAskedByAnInputRequiredResultAndAnsweredByTheRetry() {
        run(context -> {
            pipes.send(modernCall(1, "ask", "{\"prompt\":\"What is MCP?\"}"));
            JsonNode first = pipes.response(1).path("result");
            assertThat(first.path("resultType").asString()).isEqualTo("input_required");
            JsonNode question = first.path("inputRequests").path("sampling-1");
            assertThat(question.path("method").asString()).isEqualTo("sampling/createMessage");

            pipes.send(request(2, "tools/call", "{\"name\":\"ask\",\"arguments\":{\"prompt\":\"What is MCP?\"},"
                    + "\"inputResponses\":{\"sampling-1\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
                    + "\"text\":\"a protocol\"},\"model\":\"m\"}},\"requestState\":"
                    + first.get("requestState") + "," + MODERN_META + "}"));
            JsonNode second = pipes.response(2);
            assertThat(second.path("result").path("resultType").asString()).isEqualTo("complete");
            assertThat(text(second)).isEqualTo("the model said: a protocol");
        });
    }

    @Test
    void aCancelledModernCallStopsAndGetsNoResponse() {
        run(context -> {
            pipes.send(modernCall("m-1", "wait_for_cancel", "{}"));
            StdioTestTools tools = context.getBean(StdioTestTools.class);
            assertThat(tools.waiting.await(10, TimeUnit.SECONDS)).isTrue();
            pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                    + "{\"requestId\":\"m-1\"}}");
            assertThat(tools.cancelled.await(10, TimeUnit.SECONDS)).as("the tool's cancellation signal").isTrue();
            pipes.send(modernCall("m-2", "echo", "{\"text\":\"still here\"}"));
            assertThat(text(pipes.response("m-2"))).isEqualTo("still here");
            assertNoResponseTo("m-1");
        });
    }

    @Test
    void aModernRequestIdInProgressIsNotReused() {
        run(context -> {
            pipes.send(modernCall(1, "gate", "{}"));
            pipes.send(modernCall(1, "echo", "{\"text\":\"again\"}"));
            JsonNode refused = pipes.response(1);
            assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(refused.path("error").path("message").asString()).contains("already used");
            context.getBean(StdioTestTools.class).gate.countDown();
            assertThat(text(pipes.response(1))).isEqualTo("passed");
        });
    }

    @Test
    void aSubscriptionCarriesListChangesUntilTheClientCancelsIt() {
        run(context -> {
            pipes.send(request("listen", "subscriptions/listen", "{\"notifications\":{\"toolsListChanged\":true},"
                    + MODERN_META + "}"));
            JsonNode acknowledged = pipes.message("notifications/subscriptions/acknowledged");
            assertThat(subscriptionId(acknowledged)).isEqualTo("listen");

            ToolRegistry tools = context.getBean(ToolRegistry.class);
            tools.add(new ToolSpecification(new Tool("added", null, "new", McpJsonMapper.create().createObjectNode()
                .put("type", "object"), null, null, null, null), invocation -> CallToolResult.text("")));
            assertThat(subscriptionId(pipes.message("notifications/tools/list_changed"))).isEqualTo("listen");

            pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                    + "{\"requestId\":\"listen\"}}");
            pipes.send(modernCall(2, "echo", "{\"text\":\"after\"}"));
            pipes.response(2); // the cancellation was read before this call
            tools.remove("added");
            assertThat(pipes.nothingArrives(message -> message.path("method").asString("").endsWith("list_changed"),
                    Duration.ofMillis(300))).as("no notification after the cancellation").isTrue();
        });
    }

    @Test
    void badLinesAreAnsweredAndTheServerCarriesOn() {
        run(context -> {
            pipes.send("this is not JSON");
            JsonNode parseError = pipes.next(message -> message.has("error"), "the parse error");
            assertThat(parseError.get("id").isNull()).isTrue();
            assertThat(parseError.path("error").path("code").asInt()).isEqualTo(-32700);

            byte[] huge = new byte[2 * 1024 * 1024]; // over the limit of 64 KB: skipped as it arrives
            Arrays.fill(huge, (byte) 'x');
            huge[huge.length - 1] = '\n';
            pipes.sendBytes(huge);
            JsonNode tooLong = pipes.next(message -> message.has("error"), "the refusal of the long line");
            assertThat(tooLong.path("error").path("code").asInt()).isEqualTo(-32600);
            assertThat(tooLong.path("error").path("message").asString()).contains("65536 bytes",
                    "mcp.server.transport.max-body-size");

            pipes.send("   ");
            initialize("{}");
            pipes.send("[" + call(2, "echo", "{\"text\":\"a\"}") + "]");
            JsonNode batch = pipes.next(message -> message.has("error"), "the refusal of the batch");
            assertThat(batch.path("error").path("message").asString()).contains("batches");
            pipes.send(call(3, "echo", "{\"text\":\"fine\"}"));
            assertThat(text(pipes.response(3))).isEqualTo("fine");
        });
    }

    @Test
    void aBatchIsAnsweredAsOneLineInA20250326SessionEvenWithAMemberThatIsNoMessage() {
        run(context -> {
            pipes.send(request(1, "initialize", "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}"));
            pipes.response(1);
            pipes.send("[" + call(2, "echo", "{\"text\":\"a\"}") + ",42," + call(3, "echo", "{\"text\":\"b\"}") + "]");
            JsonNode batch = pipes.next(JsonNode::isArray, "the batch's responses");
            assertThat(batch.findValuesAsString("text")).containsExactlyInAnyOrder("a", "b");
            assertThat(batch).as("the member that is no message gets an error of its own").hasSize(3);
            assertThat(batch.findValues("code")).extracting(JsonNode::asInt).containsExactly(-32600);
        });
    }

    @Test
    void theEndOfInputClosesTheApplication() {
        run(context -> {
            initialize("{}");
            StdioTransport transport = context.getBean(StdioTransport.class);
            assertThat(transport.isConnected()).isTrue();
            pipes.close();
            await().atMost(StdioPipes.TIMEOUT).until(() -> !context.isActive());
            assertThat(transport.isConnected()).isFalse();
        });
    }

    private void initialize(String capabilities) {
        pipes.send(request(1, "initialize", "{\"protocolVersion\":\"" + LEGACY + "\",\"capabilities\":"
                + capabilities + ",\"clientInfo\":{\"name\":\"pipe\",\"version\":\"1\"}}"));
        JsonNode initialized = pipes.response(1);
        assertThat(initialized.path("result").path("protocolVersion").asString()).isEqualTo(LEGACY);
        pipes.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private void run(ContextTest test) {
        runner.withBean(StdioStreams.class, pipes::serverStreams).run(context -> test.run(context));
    }

    private void assertNoResponseTo(Object id) throws InterruptedException {
        JsonNode expected = McpJsonMapper.create().valueToTree(id);
        assertThat(pipes.nothingArrives(message -> !message.has("method") && expected.equals(message.get("id")),
                Duration.ofMillis(300))).as("no response to request %s", id).isTrue();
    }

    private static String subscriptionId(JsonNode notification) {
        return notification.path("params").path("_meta").path("io.modelcontextprotocol/subscriptionId").asString();
    }

    static String request(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + McpJsonMapper.create().writeValueAsString(id) + ",\"method\":\""
                + method + "\",\"params\":" + params + "}";
    }

    static String call(Object id, String tool, String arguments) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    static String modernCall(Object id, String tool, String arguments) {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "," + MODERN_META
                + "}");
    }

    static String text(JsonNode response) {
        assertThat(response.has("result")).as("a result: %s", response).isTrue();
        return response.path("result").path("content").path(0).path("text").asString();
    }

    @FunctionalInterface
    interface ContextTest {

        void run(ConfigurableApplicationContext context) throws Exception;
    }
}
