package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the TypeScript SDK interop clients ({@code scripts/ts-client.sh}, {@code scripts/ts-peer-client.sh}; they
 * install Node 22 and the SDK on first use) and reads the JSON line they print last.
 */
final class TypeScriptClients {

    private static final Path SCRIPTS = Path.of("..", "scripts");

    private TypeScriptClients() {
    }

    /**
     * Runs {@code scripts/<script>} with the given arguments and returns its last line of output as JSON.
     * Fails the test when the script fails or does not end within five minutes (the first run installs Node).
     */
    static JsonNode run(String script, List<String> arguments) throws IOException, InterruptedException {
        Path path = SCRIPTS.resolve(script);
        assertThat(path).exists();
        List<String> command = new ArrayList<>(List.of("bash", path.toString()));
        command.addAll(arguments);
        return ClientScripts.run(command).succeeded(script);
    }
}
