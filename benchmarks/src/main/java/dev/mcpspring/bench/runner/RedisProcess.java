package dev.mcpspring.bench.runner;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} from the {@code PATH}, started by the runner on a free loopback port, saving nothing
 * ({@code --save "" --appendonly no}), with its output in a log file; stopped on {@link #close()} or when the
 * runner exits.
 */
final class RedisProcess implements AutoCloseable, CpuTime {

    final int port;

    final Process process;

    final Path log;

    private final Thread stopOnExit = new Thread(this::stop, "redis-stop");

    private RedisProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** The {@code redis-server} on the {@code PATH}, or {@code null} when there is none. */
    static Path executable() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Path.of(entry, "redis-server");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts {@code executable} and waits until it answers {@code PING}. */
    static RedisProcess start(Path executable, Path dir, Path logDir, Duration timeout)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Files.createDirectories(dir);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("redis-" + port + ".log");
        List<String> command = List.of(executable.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--logfile", "");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisProcess redis = new RedisProcess(port, process, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                redis.close();
                throw new IOException("redis-server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if ("PONG".equals(redis.command("PING"))) {
                    return redis;
                }
            }
            catch (IOException ex) {
                last = ex; // not listening yet, or still loading
            }
            Thread.sleep(20);
        }
        redis.close();
        throw new IOException("redis-server answered no PING within " + timeout + "; see " + log, last);
    }

    /** User plus system CPU time of redis-server so far, in nanoseconds. */
    @Override
    public long cpuNanos() {
        try {
            return CpuTime.ofPid(process.pid());
        }
        catch (IOException | RuntimeException ex) {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }
    }

    /** Commands Redis has processed so far ({@code INFO stats}: {@code total_commands_processed}). */
    long commandsProcessed() throws IOException {
        for (String line : command("INFO", "stats").split("\r\n")) {
            if (line.startsWith("total_commands_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IOException("INFO stats has no total_commands_processed");
    }

    /** {@code redis-server --version}, for the report. */
    static String version(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return text;
        }
        catch (IOException | InterruptedException ex) {
            return "redis-server (version unknown)";
        }
    }

    /**
     * Sends one command and returns its reply as text: a simple or bulk string (the commands used here answer
     * nothing else).
     */
    String command(String... arguments) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
            for (String argument : arguments) {
                request.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                    .append(argument).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            int type = in.read();
            String line = readLine(in);
            return switch (type) {
                case '+' -> line;
                case '$' -> new String(in.readNBytes(Math.max(0, Integer.parseInt(line))), StandardCharsets.UTF_8);
                default -> throw new IOException("Redis answered " + arguments[0] + " with " + (char) type + line);
            };
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: redis-server exits at once, saving nothing
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException ex) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        catch (IllegalStateException ex) {
            // the JVM is shutting down: the hook stops it anyway
        }
    }
}
