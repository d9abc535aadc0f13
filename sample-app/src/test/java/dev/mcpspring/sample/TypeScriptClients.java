package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
        Path stderr = Files.createTempFile("ts-client", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(finished).as("%s finished", script).isTrue();
            assertThat(process.exitValue()).as("%s exit code; stderr:%n%s", script, errors).isZero();
            String[] lines = new String(stdout, StandardCharsets.UTF_8).strip().split("\n");
            return JsonMapper.shared().readTree(lines[lines.length - 1]);
        }
        finally {
            Files.deleteIfExists(stderr);
        }
    }
}
