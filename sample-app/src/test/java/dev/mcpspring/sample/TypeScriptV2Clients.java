package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the TypeScript SDK v2 interop client ({@code interop/ts-client-v2/run.sh}, the
 * {@code @modelcontextprotocol/client} package; it installs Node 22 and the package on first use) and reads the JSON
 * line it prints last. See the header of {@code interop/ts-client-v2/client.mjs} for the options and the output.
 */
final class TypeScriptV2Clients {

    static final String MODERN = "2026-07-28";

    static final String LEGACY = "2025-11-25";

    /** The _meta keys a 2026-07-28 client puts on every request. */
    static final List<String> ENVELOPE_KEYS = List.of("io.modelcontextprotocol/protocolVersion",
            "io.modelcontextprotocol/clientInfo", "io.modelcontextprotocol/clientCapabilities");

    /** The sample app's tools, in the order tools/list gives them. */
    static final List<String> SAMPLE_TOOLS = List.of("add_task", "clear_done_tasks", "complete_task",
            "convert_temperature", "find_files", "import_tasks", "list_tasks", "statistics", "summarize");

    private static final Path RUN = Path.of("..", "interop", "ts-client-v2", "run.sh");

    private TypeScriptV2Clients() {
    }

    /** One tool call for CALLS_JSON. */
    static Map<String, Object> call(String name, Map<String, ?> arguments) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("name", name);
        call.put("arguments", arguments);
        return call;
    }

    /**
     * Runs the client against {@code url} in {@code mode} ({@code legacy}, {@code auto}, {@code pin}), makes the
     * given calls and returns its JSON line; fails the test unless the client connected and exited normally.
     */
    static JsonNode run(String url, String mode, List<Map<String, Object>> calls, String... options)
            throws IOException, InterruptedException {
        assertThat(RUN).exists();
        List<String> command = new ArrayList<>(List.of("bash", RUN.toString(), url, mode,
                JsonMapper.shared().writeValueAsString(calls)));
        command.addAll(List.of(options));
        JsonNode out = ClientScripts.run(command).succeeded("ts-client-v2");
        assertThat(out.path("connected").asBoolean()).isTrue();
        return out;
    }

    // ---------------------------------------------------------------- reading the output

    /** The i-th call's record. */
    static JsonNode call(JsonNode out, int index) {
        JsonNode call = out.path("calls").get(index);
        assertThat(call).as("call %d in %s", index, out.path("calls")).isNotNull();
        return call;
    }

    /** The i-th call's result, failing with the client's error when the call threw. */
    static JsonNode result(JsonNode out, int index) {
        JsonNode call = call(out, index);
        assertThat(call.path("error").isNull()).as("call %s failed: %s", call.path("name").asString(),
                call.path("error")).isTrue();
        return call.path("result");
    }

    /** The first text content of a tool result. */
    static String text(JsonNode result) {
        return result.path("content").get(0).path("text").asString();
    }

    /** The JSON-RPC methods of the requests the client POSTed, in order. */
    static List<String> postedMethods(JsonNode out) {
        return out.path("http").valueStream()
            .filter(entry -> entry.path("method").asString().equals("POST"))
            .map(entry -> entry.path("body").path("method").asString(""))
            .toList();
    }

    /**
     * Checks the multi round-trip contract on one call made against a 2026-07-28 server: the first answer is an
     * {@code input_required} result asking for {@code inputMethod} (and nothing the client did not declare), each
     * retry is a new request (fresh id, same name and arguments) carrying an answer for every key the previous
     * answer asked for and echoing its {@code requestState} byte for byte (or none when there was none), and the
     * last answer is complete. Returns the legs.
     */
    static List<JsonNode> assertInputRequiredRounds(JsonNode call, String inputMethod) {
        List<JsonNode> legs = call.path("legs").valueStream().toList();
        assertThat(legs).as("legs of %s: %s", call.path("name").asString(), legs).hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = legs.get(0).path("reply").path("result");
        assertThat(first.path("resultType").asString()).isEqualTo("input_required");
        assertThat(first.path("inputRequests").valueStream().map(request -> request.path("method").asString()))
            .as("the first round's inputRequests").contains(inputMethod);
        assertThat(legs.get(0).path("params").has("inputResponses")).isFalse();
        assertThat(legs.get(0).path("params").has("requestState")).isFalse();
        Set<String> ids = legs.stream().map(leg -> leg.path("id").toString()).collect(Collectors.toSet());
        assertThat(ids).as("every round is a new request").hasSize(legs.size());
        for (int i = 1; i < legs.size(); i++) {
            JsonNode asked = legs.get(i - 1).path("reply").path("result");
            JsonNode retry = legs.get(i).path("params");
            assertThat(retry.path("name")).isEqualTo(legs.get(0).path("params").path("name"));
            assertThat(retry.path("arguments")).isEqualTo(legs.get(0).path("params").path("arguments"));
            assertThat(retry.path("inputResponses").propertyNames())
                .as("round %d answers what round %d asked", i, i - 1)
                .containsExactlyInAnyOrderElementsOf(asked.path("inputRequests").propertyNames());
            if (asked.has("requestState")) {
                assertThat(retry.path("requestState").asString()).isEqualTo(asked.path("requestState").asString());
            }
            else {
                assertThat(retry.has("requestState")).isFalse();
            }
        }
        JsonNode last = legs.get(legs.size() - 1).path("reply");
        assertThat(last.has("error")).as("last round: %s", last).isFalse();
        assertThat(last.path("result").path("resultType").asString()).isEqualTo("complete");
        return legs;
    }

    /** The value the client sent in {@code inputResponses} for the (first) input request of the given method. */
    static JsonNode inputResponseFor(List<JsonNode> legs, String inputMethod) {
        for (int i = 1; i < legs.size(); i++) {
            JsonNode asked = legs.get(i - 1).path("reply").path("result").path("inputRequests");
            for (String key : asked.propertyNames()) {
                if (asked.path(key).path("method").asString().equals(inputMethod)) {
                    return legs.get(i).path("params").path("inputResponses").path(key);
                }
            }
        }
        throw new AssertionError("no " + inputMethod + " input request in " + legs);
    }
}
