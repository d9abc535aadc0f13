package dev.mcpspring.testclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A long-lived response read as server-sent events while it is still open, typically the session's GET stream.
 * A daemon thread reads the body; tests take events and comments with a timeout. When the server refused the
 * stream (any response that is not {@code text/event-stream}) the body is read completely and is available from
 * {@link #body()}.
 */
public final class SseSubscription implements AutoCloseable {

    private final HttpResponse<InputStream> response;

    private final ObjectMapper mapper;

    private final BlockingQueue<SseEvent> pendingEvents = new LinkedBlockingQueue<>();

    private final BlockingQueue<String> pendingComments = new LinkedBlockingQueue<>();

    private final List<SseEvent> events = new CopyOnWriteArrayList<>();

    private final List<String> comments = new CopyOnWriteArrayList<>();

    private final CountDownLatch ended = new CountDownLatch(1);

    private volatile String body = "";

    SseSubscription(HttpResponse<InputStream> response, ObjectMapper mapper) {
        this.response = response;
        this.mapper = mapper;
        if (isSse()) {
            Thread reader = new Thread(this::read, "sse-subscription-reader");
            reader.setDaemon(true);
            reader.start();
        }
        else {
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                // nothing more to read
            }
            ended.countDown();
        }
    }

    /** The HTTP status code. */
    public int status() {
        return response.statusCode();
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return response.headers();
    }

    /** The first value of a response header. */
    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** Whether the server answered with an SSE stream. */
    public boolean isSse() {
        return header("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** The body of a refused stream (for example a JSON-RPC error); empty for an SSE stream. */
    public String body() {
        return body;
    }

    /** The next event not yet taken; fails when none arrives within {@code timeout}. */
    public SseEvent nextEvent(Duration timeout) {
        return pollEvent(timeout).orElseThrow(() -> new AssertionError("no SSE event within " + timeout
                + " (stream " + (isClosed() ? "closed" : "open") + ", events so far " + events + ")"));
    }

    /** The next event not yet taken, or empty when none arrives within {@code timeout}. */
    public Optional<SseEvent> pollEvent(Duration timeout) {
        try {
            return Optional.ofNullable(pendingEvents.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The data of the next event with data, parsed as JSON; fails when none arrives within {@code timeout}. */
    public JsonNode nextMessage(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent event = nextEvent(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (event.hasData()) {
                return mapper.readTree(event.data());
            }
        }
    }

    /** The next comment line not yet taken; fails when none arrives within {@code timeout}. */
    public String nextComment(Duration timeout) {
        try {
            String comment = pendingComments.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (comment == null) {
                throw new AssertionError("no SSE comment within " + timeout + " (stream "
                        + (isClosed() ? "closed" : "open") + ")");
            }
            return comment;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for an SSE comment");
        }
    }

    /** Every event received so far, taken or not. */
    public List<SseEvent> events() {
        return List.copyOf(events);
    }

    /** Every comment line received so far, taken or not. */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Whether the body has ended (the server closed the stream, or {@link #close()} was called). */
    public boolean isClosed() {
        return ended.getCount() == 0;
    }

    /** Waits for the body to end; {@code false} when it is still open after {@code timeout}. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops reading and releases the connection. */
    @Override
    public void close() {
        try {
            response.body().close();
        }
        catch (IOException ex) {
            // closing anyway
        }
    }

    private void read() {
        SseParser parser = new SseParser(event -> {
            events.add(event);
            pendingEvents.add(event);
        }, comment -> {
            comments.add(comment);
            pendingComments.add(comment);
        });
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                parser.line(line);
            }
        }
        catch (IOException ex) {
            // the stream was closed by either side
        }
        finally {
            ended.countDown();
        }
    }
}
