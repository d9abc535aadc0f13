package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Python SDK interop client ({@code interop/py-client/run.sh}, the {@code mcp} package 2.3.0 in a virtual
 * environment that {@code scripts/setup-python.sh} makes on first use) and reads the JSON line it prints last. Its
 * {@code calls} have the shape of the TypeScript v2 client's, so {@link TypeScriptV2Clients#result} and
 * {@link TypeScriptV2Clients#text} read them; see the header of {@code interop/py-client/client.py} for the
 * options and the rest of the output.
 */
final class PythonClients {

    private static final Path RUN = Path.of("..", "interop", "py-client", "run.sh");

    private PythonClients() {
    }

    /**
     * Runs the client against {@code target} (an endpoint URL, or {@link #stdio} of a command) in {@code mode}
     * ({@code legacy}, {@code auto} or a 2026 revision), makes the given calls and returns what happened.
     */
    static ClientScripts.Run run(String target, String mode, List<Map<String, Object>> calls, String... options)
            throws IOException, InterruptedException {
        assertThat(RUN).exists();
        List<String> command = new ArrayList<>(List.of("bash", RUN.toString(), target, mode,
                JsonMapper.shared().writeValueAsString(calls)));
        command.addAll(List.of(options));
        return ClientScripts.run(command);
    }

    /** The target that makes the client start {@code command} and talk to it over stdio. */
    static String stdio(List<String> command) {
        return "stdio:" + JsonMapper.shared().writeValueAsString(command);
    }

    /** The tools/call POSTs of the i-th call: its first request and one retry per input_required round. */
    static List<JsonNode> legs(JsonNode out, int index) {
        return TypeScriptV2Clients.call(out, index).path("legs").valueStream().toList();
    }
}
