package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.test.McpNotification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the test client's connections of both eras share: the way to the server, the mapper, the scripted answers,
 * the headers and time-out of every request, and the notifications received so far.
 */
public final class ClientCore {

    /** The client's name and version in {@code clientInfo}. */
    static final Map<String, String> CLIENT_INFO = Map.of("name", "mcp-spring-boot-test", "version", "1.0");

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "mcp-test-client-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private final HttpExchange exchange;

    private final JsonMapper mapper;

    private final ClientAnswers answers;

    private final AtomicLong ids = new AtomicLong();

    private final Map<String, String> headers = new LinkedHashMap<>();

    private final List<McpNotification> notifications = new ArrayList<>();

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private volatile Duration timeout = DEFAULT_TIMEOUT;

    private volatile @Nullable String logLevel;

    public ClientCore(HttpExchange exchange, JsonMapper mapper) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.answers = new ClientAnswers(mapper);
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public ClientAnswers answers() {
        return answers;
    }

    public Duration timeout() {
        return timeout;
    }

    public void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable String logLevel() {
        return logLevel;
    }

    public void logLevel(@Nullable String logLevel) {
        this.logLevel = logLevel;
    }

    /** Adds a header to every request from now on ({@code null} removes it). */
    public synchronized void header(String name, @Nullable String value) {
        if (value == null) {
            headers.remove(name);
        }
        else {
            headers.put(name, value);
        }
    }

    /** The headers of a request: the protocol's, then the test's own (which win). */
    synchronized Map<String, String> headers(Map<String, String> protocol) {
        Map<String, String> all = new LinkedHashMap<>(protocol);
        all.putAll(headers);
        return all;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** A JSON-RPC request. */
    ObjectNode request(long id, String method, @Nullable JsonNode params) {
        ObjectNode message = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    byte[] bytes(JsonNode message) {
        return mapper.writeValueAsBytes(message);
    }

    /** Records a notification the server sent. */
    void received(McpNotification notification) {
        synchronized (notifications) {
            notifications.add(notification);
            notifications.notifyAll();
        }
    }

    /** Every notification received so far, in order. */
    public List<McpNotification> notifications() {
        synchronized (notifications) {
            return List.copyOf(notifications);
        }
    }

    /** Waits up to the time-out for a notification that matches; {@code null} when none came. */
    public @Nullable McpNotification awaitNotification(Predicate<McpNotification> wanted, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (notifications) {
            while (true) {
                for (McpNotification notification : notifications) {
                    if (wanted.test(notification)) {
                        return notification;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(notifications, left);
            }
        }
    }

    /** Back to a new client's settings: no scripted answers, headers, log level or notifications; 30 s time-out. */
    public void reset() {
        answers.clear();
        synchronized (this) {
            headers.clear();
        }
        synchronized (notifications) {
            notifications.clear();
        }
        logLevel = null;
        timeout = DEFAULT_TIMEOUT;
    }

    /**
     * Ends a read of {@code body} on this thread when the time-out passes first: closes the body and interrupts
     * the thread, since a read blocked in the JDK's HTTP client does not always wake when its stream is closed.
     */
    Deadline deadline(InputStream body) {
        Deadline deadline = new Deadline(body, Thread.currentThread());
        deadline.task = WATCHDOG.schedule(deadline::pass, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return deadline;
    }

    /** A read's time limit; {@link #end()} it when the read is over, whichever way. */
    static final class Deadline {

        private final InputStream body;

        private final Thread reader;

        private @Nullable ScheduledFuture<?> task;

        private boolean passed;

        private boolean ended;

        Deadline(InputStream body, Thread reader) {
            this.body = body;
            this.reader = reader;
        }

        /** The time is up: unless the read ended first, its stream closes and its thread is interrupted. */
        private synchronized void pass() {
            if (ended) {
                return;
            }
            passed = true;
            try {
                body.close();
            }
            catch (IOException ex) {
                // closing is all that matters
            }
            reader.interrupt();
        }

        /** Stops the clock; {@code true} when the time-out had passed (the thread's interrupt is then cleared). */
        synchronized boolean end() {
            ended = true;
            if (task != null) {
                task.cancel(false);
            }
            if (passed) {
                Thread.interrupted();
            }
            return passed;
        }
    }
}
