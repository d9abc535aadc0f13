package dev.mcpspring.test.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/** Reads server-sent events off a response body, one at a time, blocking until each has arrived. */
final class EventStreamReader implements Closeable {

    private final InputStream body;

    private final BufferedReader lines;

    /**
     * One event.
     *
     * @param id    its id, {@code null} when it has none
     * @param data  its data lines joined by new lines; empty for a priming event
     * @param retry the reconnection delay it asks for in milliseconds, or -1
     */
    record Event(@Nullable String id, String data, long retry) {
    }

    EventStreamReader(InputStream body) {
        this.body = body;
        this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The next event, {@code null} at the end of the stream. */
    @Nullable Event next() throws IOException {
        String id = null;
        StringBuilder data = null;
        long retry = -1;
        boolean any = false;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                if (any) {
                    return new Event(id, data == null ? "" : data.toString(), retry);
                }
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment: keep-alive
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            any = true;
            switch (field) {
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "retry" -> retry = parseRetry(value);
                default -> {
                    // "event" and unknown fields: every MCP event is a message
                }
            }
        }
        return any ? new Event(id, data == null ? "" : data.toString(), retry) : null;
    }

    private static long parseRetry(String value) {
        try {
            return Long.parseLong(value.trim());
        }
        catch (NumberFormatException ex) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
