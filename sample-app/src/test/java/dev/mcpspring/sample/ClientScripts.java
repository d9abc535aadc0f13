package dev.mcpspring.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs an interop client script (the TypeScript and Python SDK clients under {@code interop/} and
 * {@code scripts/}; they install their runtime and SDK on first use) and reads the JSON line it prints last.
 */
final class ClientScripts {

    private ClientScripts() {
    }

    /** What one run of a client gave: its exit code, its last line as JSON (or null) and its standard error. */
    record Run(int exitCode, JsonNode out, String stderr) {

        /** The JSON line, failing the test unless the client exited with 0 and printed one. */
        JsonNode succeeded(String client) {
            assertThat(exitCode).as("%s exit code; stderr:%n%s%nout: %s", client, stderr, out).isZero();
            assertThat(out).as("%s printed a JSON line; stderr:%n%s", client, stderr).isNotNull();
            return out;
        }
    }

    /**
     * Runs {@code command} and returns what happened; fails the test when it does not end within five minutes (the
     * first run installs the client's runtime).
     */
    static Run run(List<String> command) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("mcp-client", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(finished).as("%s finished; stderr:%n%s", command, errors).isTrue();
            String[] lines = new String(stdout, StandardCharsets.UTF_8).strip().split("\n");
            String last = lines[lines.length - 1];
            JsonNode out = last.startsWith("{") ? JsonMapper.shared().readTree(last) : null;
            return new Run(process.exitValue(), out, errors);
        }
        finally {
            Files.deleteIfExists(stderr);
        }
    }
}
