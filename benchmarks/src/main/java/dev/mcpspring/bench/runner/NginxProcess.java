package dev.mcpspring.bench.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * nginx as a plain round-robin proxy (no stickiness) on a free loopback port in front of local servers, run by
 * {@code scripts/nginx-round-robin.sh} with a work dir of its own (config, pid file, logs); stopped on
 * {@link #close()} or when the runner exits. Its access log names the upstream of every request.
 */
final class NginxProcess implements AutoCloseable, CpuTime {

    /** How the script's access log names the upstream: {@code ... -> 127.0.0.1:<port> (<status>) ...}. */
    private static final Pattern UPSTREAM = Pattern.compile(" -> 127\\.0\\.0\\.1:(\\d+) ");

    /** The nginx binary as the script finds it. */
    private static final String NGINX = "${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}";

    final int port;

    final Path workDir;

    private final Path script;

    private final long masterPid;

    private final Thread stopOnExit = new Thread(this::stop, "nginx-stop");

    private NginxProcess(int port, Path workDir, Path script, long masterPid) {
        this.port = port;
        this.workDir = workDir;
        this.script = script;
        this.masterPid = masterPid;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** {@code nginx -v}, or {@code null} when nginx is not installed. */
    static String version() {
        try {
            Process process = new ProcessBuilder("bash", "-c", "\"" + NGINX + "\" -v").redirectErrorStream(true)
                .start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? text : null;
        }
        catch (IOException | InterruptedException ex) {
            return null;
        }
    }

    /** Starts nginx on a free port, balancing over {@code upstreams}; returns once it listens. */
    static NginxProcess start(Path script, Path workDir, List<Integer> upstreams)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        List<String> arguments = new ArrayList<>(List.of("start", String.valueOf(port)));
        upstreams.forEach(upstream -> arguments.add(String.valueOf(upstream)));
        runScript(script, workDir, arguments);
        long pid = Long.parseLong(Files.readString(workDir.resolve("nginx.pid")).trim());
        return new NginxProcess(port, workDir, script, pid);
    }

    /** User plus system CPU time of the nginx master and its workers so far, in nanoseconds. */
    @Override
    public long cpuNanos() {
        try {
            long nanos = CpuTime.ofPid(masterPid);
            for (ProcessHandle worker : ProcessHandle.of(masterPid).map(handle -> handle.children().toList())
                .orElse(List.of())) {
                nanos += CpuTime.ofPid(worker.pid());
            }
            return nanos;
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /**
     * Requests per upstream port in the access log since the last call, which empties the log (nginx appends, so
     * it goes on writing at the new end).
     */
    Map<Integer, Long> takeUpstreamCounts() throws IOException {
        Path accessLog = workDir.resolve("access.log");
        Map<Integer, Long> counts = new TreeMap<>();
        if (!Files.exists(accessLog)) {
            return counts;
        }
        try (Stream<String> lines = Files.lines(accessLog, StandardCharsets.ISO_8859_1)) {
            lines.forEach(line -> {
                Matcher matcher = UPSTREAM.matcher(line);
                if (matcher.find()) {
                    counts.merge(Integer.valueOf(matcher.group(1)), 1L, Long::sum);
                }
            });
        }
        Files.write(accessLog, new byte[0]);
        return counts;
    }

    private void stop() {
        try {
            runScript(script, workDir, List.of("stop"));
        }
        catch (IOException | InterruptedException ex) {
            System.err.println("nginx in " + workDir + " did not stop cleanly: " + ex);
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

    /**
     * Runs the script with its output appended to {@code script.log} in the work dir: a file rather than a pipe,
     * which the daemon it starts could hold open.
     */
    private static void runScript(Path script, Path workDir, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(arguments);
        Files.createDirectories(workDir);
        Path log = workDir.resolve("script.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("NGINX_WORK_DIR", workDir.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not end; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
