package dev.mcpspring.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.McpJsonMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.modern.McpSchema.CallToolOutcome;
import io.modelcontextprotocol.modern.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageInputRequest;
import io.modelcontextprotocol.modern.McpSchema.DiscoverResult;
import io.modelcontextprotocol.modern.McpSchema.InputRequiredResult;
import io.modelcontextprotocol.modern.client.transport.StdioMcpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.spec.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample ({@code target/sample-app.jar}) as a stdio MCP server
 * ({@code --mcp.server.transport.type=stdio}), spawned afresh for each test by real clients through their own stdio
 * transports: the MCP Java SDK 2.2.0 ({@code StdioClientTransport}, 2025 era, and the 2026-07-28
 * {@code io.modelcontextprotocol.modern} client's {@code StdioMcpClientTransport}), the TypeScript SDK 1.32.2 and
 * the TypeScript v2 client 2.4.0 pinned to 2026-07-28 ({@code scripts/ts-stdio-client.sh}), and the Python SDK
 * 2.3.0 in its {@code auto} mode (which picks 2026-07-28) and its {@code legacy} mode. They call a plain tool
 * and the tools that call back into the client (sampling, elicitation) or report progress, and run calls
 * concurrently on the one pipe; the TypeScript runs also check that closing the transport (which ends the server's
 * standard input) makes the server exit with 0 by itself. A last test writes the JSON lines itself with the app
 * logging at DEBUG, and checks that standard output carries nothing but JSON-RPC messages (a malformed line gets a
 * -32700 error with id null), that the logs go to standard error, and that the process ends by itself with 0 when
 * its input ends, after answering the call still under way. Run by the failsafe plugin after {@code package}
 * ({@code mvn verify -Dit.test=SampleJarStdioIT}); a failure message ends with the server's standard error.
 */
class SampleJarStdioIT {

    private static final String JAR_PROPERTY = "sample.jar";

    private static final Map<String, Object> BOILING = Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to",
            "FAHRENHEIT");

    private static final String CANNED_SUMMARY = "Three tasks are open; the release is due on Friday.";

    private static final String LONG_TEXT = "The board holds three open tasks. The release is planned for Friday. "
            + "Nobody is on leave.";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final JsonMapper JSON = McpJsonMapper.create();

    private static Path jar;

    private static String java;

    /** This JVM's child processes before the test: whatever else is there afterwards the test started. */
    private Set<Long> childrenBefore;

    /** The standard error of the server spawned by the current test (the probe sibling of the TS v2 client aside). */
    private final ServerLog serverLog = new ServerLog();

    @BeforeAll
    static void locateTheJar() {
        jar = Path.of(System.getProperty(JAR_PROPERTY, "target/sample-app.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged sample (mvn package)").isRegularFile();
        java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @BeforeEach
    void rememberChildren() {
        childrenBefore = descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** The clients close what they spawned; anything still running (a failed test, a stuck client) is ended here. */
    @AfterEach
    void destroyLeftoverProcesses() {
        List<ProcessHandle> leftovers = descendants().filter(process -> !childrenBefore.contains(process.pid()))
            .toList();
        leftovers.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : leftovers) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                process.destroyForcibly();
            }
        }
    }

    // ---------------------------------------------------------------- the Java SDK, 2025 era

    @Test
    void theJavaSdkStdioClientDrivesEveryKindOfTool() throws Exception {
        List<CreateMessageRequest> samplingRequests = Collections.synchronizedList(new ArrayList<>());
        List<ElicitFormRequest> elicitations = Collections.synchronizedList(new ArrayList<>());
        List<ProgressNotification> progress = Collections.synchronizedList(new ArrayList<>());
        // the model answers at once, unless a test step holds it back
        CountDownLatch[] modelGate = { new CountDownLatch(0) };
        CountDownLatch modelAsked = new CountDownLatch(1);

        StdioClientTransport transport = new StdioClientTransport(
                ServerParameters.builder(java).args(serverArguments()).build(), McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(serverLog::add);
        // its own threads: a blocked summarize call must not hold up the calls made meanwhile
        ExecutorService callers = Executors.newFixedThreadPool(3);
        McpSyncClient client = McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("java-sdk-stdio-it", "1.0.0"))
            .initializationTimeout(TIMEOUT)
            .requestTimeout(TIMEOUT)
            .capabilities(McpSchema.ClientCapabilities.builder().sampling().elicitation().build())
            .sampling(request -> {
                samplingRequests.add(request);
                modelAsked.countDown();
                awaitTheGate(modelGate[0]);
                return CreateMessageResult.builder(McpSchema.Role.ASSISTANT, CANNED_SUMMARY, "canned-model")
                    .stopReason(CreateMessageResult.StopReason.END_TURN)
                    .build();
            })
            .elicitation(request -> {
                elicitations.add(request);
                return new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true));
            })
            .progressConsumer(progress::add)
            .build();
        try {
            explainingFailures(() -> {
                McpSchema.InitializeResult initialized = client.initialize();
                assertThat(initialized.serverInfo().name()).isEqualTo("sample-mcp-server");
                assertThat(initialized.protocolVersion()).startsWith("2025-");
                assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrderElementsOf(TypeScriptV2Clients.SAMPLE_TOOLS);

                // a plain tool
                CallToolResult converted = client.callTool(new CallToolRequest("convert_temperature", BOILING));
                assertThat(converted.isError()).as(text(converted)).isNotEqualTo(Boolean.TRUE);
                assertThat(converted.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));

                // sampling: sampling/createMessage written to the client's stdin, its answer read from stdout
                CallToolResult summary = client.callTool(new CallToolRequest("summarize",
                        Map.of("text", LONG_TEXT, "maxWords", 20)));
                assertThat(text(summary)).isEqualTo(CANNED_SUMMARY);
                assertThat(samplingRequests).singleElement().satisfies(request -> {
                    assertThat(request.systemPrompt()).contains("concise summaries");
                    assertThat(request.maxTokens()).isEqualTo(40);
                    assertThat(((McpSchema.TextContent) request.messages().get(0).content()).text())
                        .endsWith(LONG_TEXT);
                });

                // elicitation: the user confirms deleting the completed task, the open one stays
                int shipped = id(client.callTool(new CallToolRequest("add_task", Map.of("title", "ship it"))));
                int open = id(client.callTool(new CallToolRequest("add_task", Map.of("title", "plan the next"))));
                client.callTool(new CallToolRequest("complete_task", Map.of("id", shipped)));
                CallToolResult cleared = client.callTool(new CallToolRequest("clear_done_tasks", Map.of()));
                assertThat(structured(cleared)).containsEntry("outcome", "DELETED");
                assertThat(structured(cleared).get("deleted").toString()).contains("ship it")
                    .doesNotContain("plan the next");
                assertThat(elicitations).singleElement()
                    .satisfies(question -> assertThat(question.message()).contains("ship it"));
                CallToolResult remaining = client.callTool(new CallToolRequest("list_tasks",
                        Map.of("includeDone", true)));
                assertThat(remaining.structuredContent().toString()).contains("id=" + open)
                    .doesNotContain("id=" + shipped + ",");

                // progress: notifications/progress for the call's token (the Java SDK hands each to the consumer on
                // its own, so in any order)
                CallToolResult imported = client.callTool(CallToolRequest.builder()
                    .name("import_tasks")
                    .arguments(Map.of("titles", List.of("one", "two", "three")))
                    .progressToken("import-1")
                    .build());
                assertThat(structured(imported)).containsEntry("requested", 3);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(progressOf(progress, "import-1"))
                    .containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0));

                // interleaving on the one pipe: while summarize waits for the client's model, two imports with
                // progress and a plain call run to the end; then the model answers and summarize completes
                modelGate[0] = new CountDownLatch(1);
                CompletableFuture<CallToolResult> waitingForTheModel = CompletableFuture.supplyAsync(
                        () -> client.callTool(new CallToolRequest("summarize", Map.of("text", LONG_TEXT))), callers);
                assertThat(modelAsked.await(30, TimeUnit.SECONDS)).as("the server asked the client's model").isTrue();
                CompletableFuture<CallToolResult> importA = CompletableFuture.supplyAsync(
                        () -> client.callTool(CallToolRequest.builder()
                            .name("import_tasks")
                            .arguments(Map.of("titles", List.of("a1", "a2", "a3")))
                            .progressToken("import-a")
                            .build()), callers);
                CompletableFuture<CallToolResult> importB = CompletableFuture.supplyAsync(
                        () -> client.callTool(CallToolRequest.builder()
                            .name("import_tasks")
                            .arguments(Map.of("titles", List.of("b1", "b2", "b3")))
                            .progressToken("import-b")
                            .build()), callers);
                CallToolResult meanwhile = client.callTool(new CallToolRequest("convert_temperature", BOILING));
                assertThat(meanwhile.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));
                assertThat(structured(importA.get(30, TimeUnit.SECONDS)).get("imported").toString()).contains("a1",
                        "a2", "a3");
                assertThat(structured(importB.get(30, TimeUnit.SECONDS)).get("imported").toString()).contains("b1",
                        "b2", "b3");
                assertThat(waitingForTheModel).as("summarize still waits for the model").isNotDone();
                modelGate[0].countDown();
                assertThat(text(waitingForTheModel.get(30, TimeUnit.SECONDS))).isEqualTo(CANNED_SUMMARY);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(progressOf(progress, "import-a")).containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0);
                    assertThat(progressOf(progress, "import-b")).containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0);
                });
            });
        }
        finally {
            modelGate[0].countDown();
            callers.shutdownNow();
            client.closeGracefully();
        }
    }

    // ---------------------------------------------------------------- the Java SDK's 2026-07-28 client

    @Test
    void theJavaSdkModernStdioClientCallsToolsAndFulfilsInputRequests() throws Exception {
        List<io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest> elicitations = Collections
            .synchronizedList(new ArrayList<>());
        StdioMcpClientTransport transport = StdioMcpClientTransport
            .builder(ServerParameters.builder(java).args(serverArguments()).build())
            .stderrConsumer(serverLog::add)
            .start();
        try {
            explainingFailures(() -> {
                // it derives its capabilities from its handlers (elicitation only): the envelope is widened to
                // declare sampling as well, whose rounds are then answered by hand
                var client = io.modelcontextprotocol.modern.client.McpClient
                    .sync(ModernClientCapabilities.declaringSamplingAndRoots(transport))
                    .clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation
                        .builder("java-sdk-modern-stdio-it", "1.0.0")
                        .build())
                    .roundTimeout(TIMEOUT)
                    .formElicitation(request -> {
                        elicitations.add(request);
                        return io.modelcontextprotocol.modern.McpSchema.ElicitResult.accept(Map.of("confirm", true));
                    })
                    .build();

                DiscoverResult discovered = client.discover();
                assertThat(discovered.supportedVersions()).contains(TypeScriptV2Clients.MODERN);
                assertThat(discovered.meta().get("io.modelcontextprotocol/serverInfo").toString())
                    .contains("sample-mcp-server");

                // a plain tool
                var converted = client.tool("convert_temperature")
                    .arguments(BOILING)
                    .call();
                assertThat(converted.resultType()).isEqualTo("complete");
                assertThat(converted.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));

                // elicitation through the client's own multi round-trip fulfilment
                client.tool("add_task").arguments(Map.of("title", "archive the logs")).call();
                client.tool("complete_task").arguments(Map.of("id", 1)).call();
                var cleared = client.tool("clear_done_tasks").call();
                assertThat(((Map<?, ?>) cleared.structuredContent()).get("outcome")).as(cleared.toString())
                    .isEqualTo("DELETED");
                assertThat(elicitations).singleElement()
                    .satisfies(question -> assertThat(question.message()).contains("archive the logs"));

                // sampling, round by round: input_required, then a retry with inputResponses and requestState
                Map<String, Object> arguments = Map.of("text", LONG_TEXT, "maxWords", 20);
                CallToolOutcome outcome = client.tool("summarize").arguments(arguments).callOnce();
                assertThat(outcome).isInstanceOf(InputRequiredResult.class);
                InputRequiredResult asked = (InputRequiredResult) outcome;
                Map<String, Object> answers = new LinkedHashMap<>();
                asked.inputRequests().forEach((key, request) -> {
                    assertThat(request).isInstanceOf(CreateMessageInputRequest.class);
                    answers.put(key, new io.modelcontextprotocol.modern.McpSchema.CreateMessageResult(
                            io.modelcontextprotocol.modern.McpSchema.Role.ASSISTANT,
                            new io.modelcontextprotocol.modern.McpSchema.TextContent(null, CANNED_SUMMARY, null),
                            "canned-model",
                            io.modelcontextprotocol.modern.McpSchema.CreateMessageResult.STOP_REASON_END_TURN, null));
                });
                CallToolOutcome answered = client.tool("summarize")
                    .arguments(arguments)
                    .inputResponses(answers)
                    .requestState(asked.requestState())
                    .callOnce();
                assertThat(answered).isInstanceOf(io.modelcontextprotocol.modern.McpSchema.CallToolResult.class);
                var summary = (io.modelcontextprotocol.modern.McpSchema.CallToolResult) answered;
                assertThat(summary.content()).singleElement()
                    .isInstanceOfSatisfying(io.modelcontextprotocol.modern.McpSchema.TextContent.class,
                            content -> assertThat(content.text()).isEqualTo(CANNED_SUMMARY));
            });
        }
        finally {
            transport.close();
        }
    }

    // ---------------------------------------------------------------- the TypeScript SDKs

    @Test
    void theTypeScriptSdkStdioClientDrivesEveryKindOfTool() throws Exception {
        JsonNode out = typeScriptClient("v1", List.of(call("convert_temperature", BOILING),
                call("summarize", Map.of("text", LONG_TEXT, "maxWords", 20)),
                call("add_task", Map.of("title", "ship it")), call("add_task", Map.of("title", "plan the next")),
                call("complete_task", Map.of("id", 1)), call("clear_done_tasks", Map.of()),
                // a group: both calls at once, each with a progress token
                List.of(progressCall("import_tasks", Map.of("titles", List.of("a1", "a2", "a3"))),
                        progressCall("import_tasks", Map.of("titles", List.of("b1", "b2", "b3"))))));

        explainingFailures(() -> {
            assertThat(out.path("protocolVersion").asString()).startsWith("2025-");
            assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
            assertThat(out.path("tools").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(TypeScriptV2Clients.SAMPLE_TOOLS);
            List<JsonNode> calls = out.path("calls").valueStream().toList();
            assertThat(calls).hasSize(8).allSatisfy(c -> assertThat(c.path("error").isNull()).as("%s", c).isTrue());

            assertThat(calls.get(0).at("/result/structuredContent/value").asDouble()).isEqualTo(212.0);
            assertThat(calls.get(1).at("/result/content/0/text").asString()).isEqualTo(CANNED_SUMMARY);
            assertThat(out.at("/seen/sampling/0/systemPrompt").asString()).contains("concise summaries");
            assertThat(out.path("logs").valueStream().map(log -> log.path("logger").asString())).contains("summarize");

            JsonNode cleared = calls.get(5).at("/result/structuredContent");
            assertThat(cleared.path("outcome").asString()).isEqualTo("DELETED");
            assertThat(cleared.path("deleted").valueStream().map(task -> task.path("title").asString()))
                .containsExactly("ship it");
            assertThat(out.at("/seen/elicitation/0/message").asString()).contains("ship it");

            assertImportsInterleavedWithProgress(out, calls.get(6), calls.get(7));
            assertExitedWhenItsInputEnded(out);
        });
    }

    @Test
    void theTypeScriptV2StdioClientPinnedTo20260728CompletesSamplingThroughInputRequests() throws Exception {
        JsonNode out = typeScriptClient("v2", List.of(call("convert_temperature", BOILING),
                call("summarize", Map.of("text", LONG_TEXT, "maxWords", 20)),
                call("add_task", Map.of("title", "ship it")), call("complete_task", Map.of("id", 1)),
                call("clear_done_tasks", Map.of()),
                progressCall("import_tasks", Map.of("titles", List.of("a1", "a2", "a3")))));

        explainingFailures(() -> {
            assertThat(out.path("era").asString()).isEqualTo("modern");
            assertThat(out.path("protocolVersion").asString()).isEqualTo(TypeScriptV2Clients.MODERN);
            assertThat(out.path("serverInfo").path("name").asString()).isEqualTo("sample-mcp-server");
            List<JsonNode> requests = out.path("wire").valueStream()
                .filter(entry -> entry.path("dir").asString().equals("out"))
                .map(entry -> entry.path("message"))
                .filter(message -> message.has("id") && message.has("method"))
                .toList();
            assertThat(requests).extracting(message -> message.path("method").asString())
                .doesNotContain("initialize")
                .startsWith("tools/list");
            assertThat(requests).allSatisfy(request -> assertThat(
                    request.at("/params/_meta").path("io.modelcontextprotocol/protocolVersion").asString())
                .isEqualTo(TypeScriptV2Clients.MODERN));
            List<JsonNode> calls = out.path("calls").valueStream().toList();
            assertThat(calls).hasSize(6).allSatisfy(c -> assertThat(c.path("error").isNull()).as("%s", c).isTrue());

            assertThat(calls.get(0).at("/result/structuredContent/value").asDouble()).isEqualTo(212.0);

            // summarize: input_required with a sampling request, fulfilled by the handler, retried on a new id
            assertThat(calls.get(1).at("/result/content/0/text").asString()).isEqualTo(CANNED_SUMMARY);
            assertThat(out.path("seen").path("sampling").size()).isEqualTo(1);
            List<JsonNode> legs = requests.stream()
                .filter(request -> request.at("/params/name").asString("").equals("summarize"))
                .toList();
            assertThat(legs).hasSize(2);
            JsonNode firstAnswer = replyTo(out, legs.get(0));
            assertThat(firstAnswer.at("/result/resultType").asString()).isEqualTo("input_required");
            String key = firstAnswer.at("/result/inputRequests").propertyNames().iterator().next();
            assertThat(firstAnswer.at("/result/inputRequests").path(key).path("method").asString())
                .isEqualTo("sampling/createMessage");
            assertThat(legs.get(1).path("id")).isNotEqualTo(legs.get(0).path("id"));
            assertThat(legs.get(1).at("/params/inputResponses").path(key).at("/content/text").asString())
                .isEqualTo(CANNED_SUMMARY);
            assertThat(legs.get(1).at("/params/requestState").asString())
                .isEqualTo(firstAnswer.at("/result/requestState").asString());
            assertThat(replyTo(out, legs.get(1)).at("/result/resultType").asString()).isEqualTo("complete");

            assertThat(calls.get(4).at("/result/structuredContent/outcome").asString()).isEqualTo("DELETED");
            assertThat(out.at("/seen/elicitation/0/message").asString()).contains("ship it");
            // every step reached the client before the answer; the SDK dispatches a notification a microtask
            // after a response read in the same chunk, so the call's handler may miss the last step
            List<JsonNode> wire = out.path("wire").valueStream().toList();
            JsonNode importRequest = requests.stream()
                .filter(request -> request.at("/params/name").asString("").equals("import_tasks"))
                .reduce((first, last) -> last)
                .orElseThrow();
            assertProgressBeforeTheAnswer(wire, importRequest);
            assertThat(calls.get(5).path("progress").valueStream().map(p -> p.path("progress").asDouble()).toList())
                .as("progress seen by the call's handler").isNotEmpty().isSorted().startsWith(0.0);
            assertExitedWhenItsInputEnded(out);
        });
    }

    // ---------------------------------------------------------------- the Python SDK

    @Test
    void thePythonSdkStdioClientDrivesThePeerToolsInBothEras() throws Exception {
        for (String mode : List.of("auto", "legacy")) {
            JsonNode out = pythonClient(mode, List.of(call("convert_temperature", BOILING),
                    call("summarize", Map.of("text", LONG_TEXT, "maxWords", 20)),
                    call("add_task", Map.of("title", "ship it")), call("complete_task", Map.of("id", 1)),
                    call("clear_done_tasks", Map.of()),
                    call("import_tasks", Map.of("titles", List.of("a1", "a2", "a3")))));

            explainingFailures(() -> {
                assertThat(out.path("protocolVersion").asString()).as(mode)
                    .isEqualTo(mode.equals("auto") ? TypeScriptV2Clients.MODERN : TypeScriptV2Clients.LEGACY);
                assertThat(out.path("tools").valueStream().map(JsonNode::asString))
                    .containsExactlyElementsOf(TypeScriptV2Clients.SAMPLE_TOOLS);
                List<JsonNode> calls = out.path("calls").valueStream().toList();
                assertThat(calls).hasSize(6).allSatisfy(c -> assertThat(c.path("error").isNull()).as("%s", c).isTrue());
                assertThat(calls.get(0).at("/result/structuredContent/value").asDouble()).isEqualTo(212.0);
                assertThat(calls.get(1).at("/result/content/0/text").asString()).isEqualTo(CANNED_SUMMARY);
                assertThat(out.at("/seen/sampling/0/systemPrompt").asString()).contains("concise summaries");
                assertThat(calls.get(4).at("/result/structuredContent/outcome").asString()).isEqualTo("DELETED");
                assertThat(out.at("/seen/elicitation/0/message").asString()).contains("ship it");
                assertThat(calls.get(5).at("/result/structuredContent/imported").size()).isEqualTo(3);
                assertThat(calls.get(5).path("progress").valueStream().map(p -> p.path("progress").asDouble()))
                    .containsExactly(0.0, 1.0, 2.0, 3.0);
            });
        }
    }

    // ---------------------------------------------------------------- standard output is the protocol's alone

    @Test
    void standardOutputCarriesOnlyJsonRpcEvenWithDebugLoggingAndTheProcessEndsWithItsInput() throws Exception {
        StartedServer server = startServer("--logging.level.root=DEBUG");
        Process process = server.process();
        List<String> stdout = server.stdout();
        try {
            explainingFailures(() -> {
                OutputStream stdin = process.getOutputStream();
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"stdio-it\","
                        + "\"version\":\"1\"}}}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"convert_temperature\",\"arguments\":{\"from\":{\"value\":100,\"unit\":\"CELSIUS\"},"
                        + "\"to\":\"FAHRENHEIT\"}}}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\"");
                // an import of 40 tasks, 50 ms each: still running when the input ends
                List<String> titles = IntStream.rangeClosed(1, 40).mapToObj(i -> "task " + i).toList();
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"import_tasks\",\"arguments\":{\"titles\":" + JSON.writeValueAsString(titles) + "}}}");
                await().atMost(TIMEOUT).until(() -> stdout.size() >= 4 || !process.isAlive());
                // the quick answers have come; the input ends while the import is under way
                int answeredBeforeTheEnd = stdout.size();
                long closed = System.nanoTime();
                stdin.close();
                boolean exited = process.waitFor(20, TimeUnit.SECONDS);
                long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
                assertThat(exited).as("the process exits by itself within 20 s of its input ending").isTrue();
                assertThat(process.exitValue()).as("exit code").isZero();
                server.awaitOutput();

                List<JsonNode> messages = new ArrayList<>();
                for (String line : stdout) {
                    JsonNode message;
                    try {
                        message = JSON.readTree(line);
                    }
                    catch (RuntimeException ex) {
                        throw new AssertionError("Not JSON on standard output: " + line, ex);
                    }
                    assertThat(message.isObject()).as("a JSON-RPC message: %s", line).isTrue();
                    assertThat(message.path("jsonrpc").asString("")).as("jsonrpc of %s", line).isEqualTo("2.0");
                    assertThat(message.has("method") || message.has("result") || message.has("error"))
                        .as("a request, notification or response: %s", line)
                        .isTrue();
                    messages.add(message);
                }
                assertThat(answerTo(messages, 1).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
                assertThat(answerTo(messages, 2).at("/result/tools").size()).isEqualTo(9);
                assertThat(answerTo(messages, 3).at("/result/structuredContent/value").asDouble()).isEqualTo(212.0);
                List<JsonNode> parseErrors = messages.stream().filter(m -> m.at("/error/code").asInt(0) == -32700)
                    .toList();
                assertThat(parseErrors).as("the answer to the malformed line").singleElement().satisfies(error -> {
                    assertThat(error.has("id")).isTrue();
                    assertThat(error.path("id").isNull()).as("id null in %s", error).isTrue();
                });
                assertThat(answerTo(messages, 5).at("/result/structuredContent/imported").size())
                    .as("the import under way when the input ended was finished and answered").isEqualTo(40);
                assertThat(messages).as("one answer per request, nothing else").hasSize(5);
                String log = serverLog.all();
                assertThat(log.contains("Started SampleApplication")).as("stderr has the start-up log").isTrue();
                assertThat(log.contains(" DEBUG ")).as("stderr has DEBUG lines").isTrue();
                System.out.printf("stdio server exited %d ms after its input ended (%d of 5 answers before that); "
                        + "%d lines on stderr%n", exitMillis, answeredBeforeTheEnd, serverLog.lines());
            });
        }
        finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aStartUpFailureInTheConfigurationFilesIsReportedOnStandardErrorNotStandardOutput() throws Exception {
        StartedServer server = startServer("--spring.config.import=file:" + jar.resolveSibling("no-such-config.yml"));
        Process process = server.process();
        List<String> stdout = server.stdout();
        try {
            explainingFailures(() -> {
                process.getOutputStream().close();
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends at once").isTrue();
                assertThat(process.exitValue()).as("exit code").isNotZero();
                server.awaitOutput();
                assertThat(stdout).as("standard output, which the client reads as protocol messages").isEmpty();
                assertThat(serverLog.all()).as("the failure report, in the server's log the client shows")
                    .contains("APPLICATION FAILED TO START", "no-such-config.yml");
            });
        }
        finally {
            process.destroyForcibly();
        }
    }

    @Test
    void theSecuredProfileServesTheAnonymousStdioCaller() throws Exception {
        StartedServer server = startServer("--spring.profiles.active=secured");
        Process process = server.process();
        List<String> stdout = server.stdout();
        try {
            explainingFailures(() -> {
                OutputStream stdin = process.getOutputStream();
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"stdio-it\","
                        + "\"version\":\"1\"}}}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"delete_task\",\"arguments\":{\"id\":1}}}");
                send(stdin, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"whoami\",\"arguments\":{}}}");
                await().atMost(TIMEOUT).until(() -> stdout.size() >= 3 || !process.isAlive());
                assertThat(process.isAlive()).as("the server started").isTrue();
                List<JsonNode> messages = stdout.stream().map(JSON::readTree).toList();
                assertThat(answerTo(messages, 1).at("/result/serverInfo/name").asString())
                    .isEqualTo("sample-mcp-server");
                JsonNode refused = answerTo(messages, 2);
                assertThat(refused.has("error") || refused.at("/result/isError").asBoolean())
                    .as("delete_task needs a scope an anonymous stdio caller lacks: %s", refused)
                    .isTrue();
                assertThat(answerTo(messages, 3).at("/result/structuredContent/name").asString())
                    .as("whoami over stdio").isEqualTo("anonymous");
            });
        }
        finally {
            process.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- helpers: the server

    /** The arguments after {@code java} that start the sample as a stdio server. */
    private static List<String> serverArguments() {
        // a short-lived JVM: the C1 compiler is enough and starts faster; a short import pause keeps imports quick
        // while still long enough for concurrent calls to overlap
        return List.of("-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--mcp.server.transport.type=stdio",
                "--sample.tasks.import-pause=50ms");
    }

    private static Stream<ProcessHandle> descendants() {
        return ProcessHandle.current().descendants();
    }

    /** Runs the assertions; a failure carries the server's standard error. */
    private void explainingFailures(ThrowingRunnable assertions) throws Exception {
        try {
            assertions.run();
        }
        catch (AssertionError | RuntimeException ex) {
            throw new AssertionError(ex.getMessage() + "\n---- the server's standard error (last "
                    + ServerLog.TAIL + " lines) ----\n" + serverLog.tail(), ex);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {

        void run() throws Exception;

    }

    /** The lines a server wrote to its standard error. */
    static final class ServerLog {

        static final int TAIL = 80;

        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        void add(String line) {
            lines.add(line);
        }

        int lines() {
            return lines.size();
        }

        String all() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        String tail() {
            synchronized (lines) {
                return lines.isEmpty() ? "(nothing)"
                        : String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL), lines.size()));
            }
        }

    }

    /**
     * The packaged server started over stdio with one more argument: its standard output collected line by line,
     * its standard error into the server log.
     */
    private StartedServer startServer(String argument) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(serverArguments());
        command.add(argument);
        Process process = new ProcessBuilder(command).start();
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        return new StartedServer(process, stdout, drain(process.getInputStream(), stdout::add, "stdout"),
                drain(process.getErrorStream(), serverLog::add, "stderr"));
    }

    private record StartedServer(Process process, List<String> stdout, Thread stdoutReader, Thread stderrReader) {

        /** Waits for what the ended process wrote to be read to its end. */
        void awaitOutput() throws InterruptedException {
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
        }
    }

    private static Thread drain(InputStream stream, java.util.function.Consumer<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.accept(line);
                }
            }
            catch (IOException ex) {
                // the process ended
            }
        }, "stdio-it-" + name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void send(OutputStream stdin, String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static JsonNode answerTo(List<JsonNode> messages, int id) {
        return messages.stream()
            .filter(message -> message.path("id").isNumber() && message.path("id").asInt() == id)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no answer to request " + id + " in " + messages));
    }

    private static void awaitTheGate(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers: the Java SDK

    private static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        assertThat(result.isError()).as(text(result)).isNotEqualTo(Boolean.TRUE);
        return (Map<String, Object>) result.structuredContent();
    }

    private static int id(CallToolResult task) {
        return ((Number) structured(task).get("id")).intValue();
    }

    private static List<Double> progressOf(List<ProgressNotification> progress, String token) {
        synchronized (progress) {
            return progress.stream()
                .filter(notification -> token.equals(notification.progressToken()))
                .map(ProgressNotification::progress)
                .toList();
        }
    }

    // ---------------------------------------------------------------- helpers: the TypeScript clients

    private static Map<String, Object> call(String name, Map<String, ?> arguments) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("name", name);
        call.put("arguments", arguments);
        return call;
    }

    private static Map<String, Object> progressCall(String name, Map<String, ?> arguments) {
        Map<String, Object> call = call(name, arguments);
        call.put("progress", true);
        return call;
    }

    /**
     * Runs {@code scripts/ts-stdio-client.sh} with the given SDK and calls against a freshly spawned sample, and
     * returns its JSON line; the server's standard error (copied by the script as {@code [server] ...} lines) goes
     * to {@link #serverLog}.
     */
    private JsonNode typeScriptClient(String sdk, List<?> calls) throws Exception {
        Path script = Path.of("..", "scripts", "ts-stdio-client.sh");
        assertThat(script).exists();
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--sdk", sdk, "--model-reply",
                CANNED_SUMMARY, "--elicit", "{\"action\":\"accept\",\"content\":{\"confirm\":true}}",
                JSON.writeValueAsString(calls), "--", java));
        command.addAll(serverArguments());
        ClientScripts.Run run = ClientScripts.run(command);
        run.stderr().lines()
            .forEach(line -> serverLog.add(line.startsWith("[server] ") ? line.substring(9) : "(client) " + line));
        explainingFailures(() -> run.succeeded("ts-stdio-client.sh"));
        return run.out();
    }

    /**
     * Runs the Python SDK's client ({@code interop/py-client/run.sh}) in {@code mode} against a freshly spawned
     * sample and returns its JSON line; the server's standard error, which the SDK passes on, goes to
     * {@link #serverLog}.
     */
    private JsonNode pythonClient(String mode, List<Map<String, Object>> calls) throws Exception {
        List<String> server = new ArrayList<>(List.of(java));
        server.addAll(serverArguments());
        ClientScripts.Run run = PythonClients.run(PythonClients.stdio(server), mode, calls, "--model-reply",
                CANNED_SUMMARY, "--elicit", "{\"action\":\"accept\",\"content\":{\"confirm\":true}}",
                "--progress");
        run.stderr().lines().forEach(serverLog::add);
        explainingFailures(() -> run.succeeded("py-client"));
        return run.out();
    }

    /** The message the server answered a request on the wire with. */
    private static JsonNode replyTo(JsonNode out, JsonNode request) {
        return out.path("wire").valueStream()
            .filter(entry -> entry.path("dir").asString().equals("in"))
            .map(entry -> entry.path("message"))
            .filter(message -> !message.has("method") && message.path("id").equals(request.path("id")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no reply to " + request));
    }

    /**
     * Two imports made at once: both requests went out before either answer came back, every step's
     * {@code notifications/progress} reached the client before the call's response, and each call's own progress
     * handler saw increasing values (the TypeScript SDKs dispatch a notification a microtask later than a
     * response read in the same chunk, so it may drop the last step; the wire shows it arrived).
     */
    private static void assertImportsInterleavedWithProgress(JsonNode out, JsonNode first, JsonNode second) {
        for (JsonNode call : List.of(first, second)) {
            assertThat(call.at("/result/structuredContent/imported").size()).as("%s", call).isEqualTo(3);
            List<Double> seen = call.path("progress").valueStream().map(p -> p.path("progress").asDouble()).toList();
            assertThat(seen).as("progress seen by the call's handler").isNotEmpty().isSorted().startsWith(0.0);
        }
        List<JsonNode> wire = out.path("wire").valueStream().toList();
        List<Integer> importRequests = new ArrayList<>();
        List<Integer> importReplies = new ArrayList<>();
        for (int i = 0; i < wire.size(); i++) {
            JsonNode message = wire.get(i).path("message");
            if (message.at("/params/name").asString("").equals("import_tasks")) {
                importRequests.add(i);
                importReplies.add(assertProgressBeforeTheAnswer(wire, message));
            }
        }
        assertThat(importRequests).hasSize(2);
        assertThat(Collections.max(importRequests)).as("both imports were asked before either was answered")
            .isLessThan(Collections.min(importReplies));
    }

    /**
     * Every step of an import's progress went over the wire, in order, before the import's answer.
     *
     * @return the index of the answer on the wire
     */
    private static int assertProgressBeforeTheAnswer(List<JsonNode> wire, JsonNode importRequest) {
        String token = importRequest.at("/params/_meta/progressToken").toString();
        int reply = indexOfReply(wire, importRequest.path("id"));
        List<Double> progress = new ArrayList<>();
        for (int j = 0; j < reply; j++) {
            JsonNode notification = wire.get(j).path("message");
            if (notification.path("method").asString("").equals("notifications/progress")
                    && notification.at("/params/progressToken").toString().equals(token)) {
                progress.add(notification.at("/params/progress").asDouble());
            }
        }
        assertThat(progress).as("progress for token %s on the wire before its answer", token)
            .containsExactly(0.0, 1.0, 2.0, 3.0);
        return reply;
    }

    private static int indexOfReply(List<JsonNode> wire, JsonNode id) {
        for (int i = 0; i < wire.size(); i++) {
            JsonNode message = wire.get(i).path("message");
            if (wire.get(i).path("dir").asString().equals("in") && !message.has("method")
                    && message.path("id").equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no answer to request " + id);
    }

    /** The client ended the server's input on close, and the server exited by itself with 0 (no SIGTERM). */
    private static void assertExitedWhenItsInputEnded(JsonNode out) {
        assertThat(out.path("serverExit").path("code").isNull()).as("serverExit %s", out.path("serverExit"))
            .isFalse();
        assertThat(out.path("serverExit").path("code").asInt()).as("serverExit %s", out.path("serverExit"))
            .isZero();
    }
}
