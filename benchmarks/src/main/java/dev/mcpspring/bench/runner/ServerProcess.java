package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/** A server JVM started by the runner, on a free loopback port, with its output in a log file. */
final class ServerProcess implements AutoCloseable, CpuTime {

    private static final List<ServerProcess> RUNNING = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServerProcess::close)));
    }

    final String name;

    final int port;

    final Process process;

    final long startNanos;

    final Path log;

    private ServerProcess(String name, int port, Process process, long startNanos, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmFlags> -jar <jar> <args> --server.port=<free port>}; {@code args} may hold the
     * benchmark role ({@code bare}, {@code mcp}) or be empty for an application jar.
     */
    static ServerProcess start(String name, Path java, List<String> jvmFlags, Path jar, List<String> args,
            Path logDir) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        return launch(name, port, command, logDir);
    }

    /**
     * Starts the Quarkus comparison server, a fast-jar:
     * {@code java <jvmFlags> -Dquarkus.http.port=<free port> -Dquarkus.http.host=127.0.0.1 -jar quarkus-run.jar}.
     * {@code quarkus-run.jar} only builds the class path of {@code quarkus-app/}: the application runs in this
     * process, whose CPU time is measured as for the others.
     */
    static ServerProcess startQuarkus(String name, Path java, List<String> jvmFlags, Path quarkusRunJar,
            Path logDir) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        return launch(name, port, command, logDir);
    }

    private static ServerProcess launch(String name, int port, List<String> command, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        ServerProcess server = new ServerProcess(name, port, process, start, log);
        RUNNING.add(server);
        return server;
    }

    /** Polls with initialize until one is answered; returns the nanoseconds from process start to that answer. */
    long awaitInitialize(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (McpClient client = new McpClient(port)) {
                client.initialize();
                return System.nanoTime() - startNanos;
            }
            catch (IOException ex) {
                last = ex;
                Thread.sleep(5);
            }
        }
        throw new IOException(name + " answered no initialize within " + timeout + "; see " + log, last);
    }

    /**
     * Waits for the first {@code 200} answer to {@code GET path}: the start-up of an application that has no MCP
     * endpoint to initialize.
     *
     * @return nanoseconds from the process start to that answer
     */
    long awaitGet(String path, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (HttpConn conn = new HttpConn(port, 5_000)) {
                int status = conn.exchange("GET", path, Map.of(), null).head().status();
                if (status == 200) {
                    return System.nanoTime() - startNanos;
                }
                last = new IOException(path + " answered " + status);
            }
            catch (IOException ex) {
                last = ex;
            }
            Thread.sleep(5);
        }
        throw new IOException(name + " answered no GET " + path + " within " + timeout + "; see " + log, last);
    }

    /** User plus system CPU time of the server process so far, in nanoseconds. */
    @Override
    public long cpuNanos() {
        try {
            return CpuTime.ofPid(process.pid());
        }
        catch (IOException | RuntimeException ex) {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
    }

    JsonNode getJson(String path) throws IOException {
        try (HttpConn conn = new HttpConn(port, 120_000)) {
            HttpConn.Response response = conn.exchange("GET", path, Map.of("Accept", "application/json"), null);
            if (response.head().status() != 200) {
                throw new IOException(path + " answered " + response.head().status() + ": " + response.text());
            }
            return McpClient.JSON.readTree(response.body());
        }
    }

    JsonNode postJson(String path) throws IOException {
        try (HttpConn conn = new HttpConn(port, 600_000)) {
            HttpConn.Response response = conn.exchange("POST", path, Map.of("Accept", "application/json"),
                    new byte[0]);
            if (response.head().status() != 200) {
                throw new IOException(path + " answered " + response.head().status() + ": " + response.text());
            }
            return McpClient.JSON.readTree(response.body());
        }
    }

    /** Used heap after full GCs, in bytes. */
    long heapAfterGc() throws IOException {
        return getJson("/bench/heap").path("used").asLong();
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
