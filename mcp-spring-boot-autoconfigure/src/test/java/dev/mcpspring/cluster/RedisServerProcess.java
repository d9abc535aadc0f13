package dev.mcpspring.cluster;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for tests, started from the {@code PATH} on a free loopback port that this helper
 * picks and keeps: {@link #stop()} kills the server (Redis going away, every key lost, since nothing is saved)
 * and {@link #start()} brings a new one up on the same port (Redis coming back, empty).
 * <p>
 * The server binds {@code 127.0.0.1}, saves nothing ({@code --save ""}, {@code --appendonly no}), runs in the
 * foreground as a child of this JVM with a temporary directory as {@code --dir}, and logs to {@code redis.log}
 * in that directory (shown when it fails to start). Commands are sent over a plain socket in RESP, with no
 * client library.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.launch()) {
 *     // spring.data.redis.port=redis.port()
 *     redis.stop();   // the nodes now see connection refused
 *     redis.start();  // back on the same port, with no keys
 * }
 * }</pre>
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final Path executable;

    private final Path directory;

    private final int port;

    private final Thread killOnExit = new Thread(this::kill, "redis-server-kill");

    private Process process;

    /**
     * Picks a free loopback port and a temporary directory, without starting anything yet: see {@link #start()}
     * and {@link #launch()}.
     *
     * @throws IllegalStateException when {@code redis-server} is not on the {@code PATH}
     */
    public RedisServerProcess() {
        this.executable = findOrInstall();
        try {
            this.directory = Files.createTempDirectory("redis-test-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.port = freePort();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** A new server, started: {@code new RedisServerProcess().start()}, closed again if it fails to start. */
    public static RedisServerProcess launch() {
        RedisServerProcess redis = new RedisServerProcess();
        try {
            return redis.start();
        }
        catch (RuntimeException | Error ex) {
            redis.close();
            throw ex;
        }
    }

    /** The port the server listens on, the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        return port;
    }

    /** Whether the server process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the server on this helper's port, first or again after {@link #stop()} (then empty), and waits until
     * it answers {@code PING}. Does nothing when it is running.
     *
     * @throws IllegalStateException when the server exits or does not answer in time (its log is in the message)
     */
    public synchronized RedisServerProcess start() {
        if (!isRunning()) {
            run();
        }
        return this;
    }

    /** Kills the server (SIGKILL, like a crash: nothing is saved anyway) and waits until it has exited. */
    public synchronized RedisServerProcess stop() {
        kill();
        return this;
    }

    /**
     * Stalls the server for {@code duration} (SIGSTOP, then SIGCONT), as a fork, a failover or a network blip does:
     * connections stay open and commands wait, while the clock by which keys expire runs on.
     */
    public void stall(Duration duration) {
        long pid;
        synchronized (this) {
            pid = process.pid();
        }
        signal("-STOP", pid);
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            signal("-CONT", pid);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " exited with " + exit);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling Redis", ex);
        }
    }

    /** Deletes every key. */
    public void flushAll() {
        Object reply = command("FLUSHALL");
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("FLUSHALL answered " + reply);
        }
    }

    /**
     * Sends one command and returns the reply: a {@link String} for a simple or bulk string, a {@link Long} for
     * an integer, a {@link List} for an array, {@code null} for a null reply.
     *
     * @throws IllegalStateException when Redis answers with an error
     * @throws UncheckedIOException  when Redis cannot be reached (for example while it is stopped)
     */
    public Object command(String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) COMMAND_TIMEOUT.toMillis());
            socket.setSoTimeout((int) COMMAND_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(encode(arguments));
            out.flush();
            return readReply(socket.getInputStream());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Redis on port " + port + " did not answer " + arguments[0], ex);
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        }
        catch (IllegalStateException ex) {
            // the JVM is already shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (IOException ex) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "redis-server on 127.0.0.1:" + port + (isRunning() ? "" : " (stopped)");
    }

    // ---------------------------------------------------------------- process

    private void run() {
        Path log = directory.resolve("redis.log");
        List<String> command = List.of(executable.toString(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(), "--daemonize", "no",
                "--logfile", "");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not run " + executable, ex);
        }
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + " at start; its log:\n" + readLog(log));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            }
            catch (UncheckedIOException | IllegalStateException ex) {
                // not listening yet, or still loading
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; its log:\n" + readLog(log));
            }
            sleep(20);
        }
    }

    private synchronized void kill() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not exit after SIGKILL");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server to exit", ex);
        }
    }

    /** redis-server from the PATH, installed first by the project's scripts/install-services.sh when missing. */
    private static synchronized Path findOrInstall() {
        try {
            return findOnPath("redis-server");
        }
        catch (IllegalStateException missing) {
            Path script = null;
            for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
                Path candidate = dir.resolve("scripts/install-services.sh");
                script = Files.isExecutable(candidate) ? candidate : null;
            }
            if (script == null) {
                throw missing;
            }
            try {
                Process install = new ProcessBuilder(script.toString(), "redis-server").inheritIO().start();
                if (install.waitFor() != 0) {
                    throw new IllegalStateException(script + " failed; install redis-server with apt-get install -y "
                            + "redis-server", missing);
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw missing;
            }
            return findOnPath("redis-server");
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    Path candidate = Path.of(entry, name);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException(name + " is not on the PATH (" + path
                + "); install it with apt-get install -y redis-server");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free loopback port", ex);
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        }
        catch (IOException ex) {
            return "(no log: " + ex + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", ex);
        }
    }

    // ---------------------------------------------------------------- RESP

    private static byte[] encode(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private static Object readReply(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("Connection closed before a reply");
        }
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("Redis answered an error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new IOException("Connection closed inside a bulk string");
                }
                readLine(in); // the CRLF after the bytes
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readReply(in));
                }
                return items;
            }
            default:
                throw new IOException("Unexpected RESP type '" + (char) type + "' followed by " + line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Connection closed inside a reply line");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }
}
