package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to the MCP endpoint and the way its response arrives: over the network, or in-process through
 * the servlet. The response is returned as soon as its status and headers are known; its body streams.
 */
public interface HttpExchange {

    /**
     * Sends a request and returns when the response's head has arrived.
     *
     * @param method  the HTTP method
     * @param headers the request headers
     * @param body    the body, {@code null} for none
     * @param timeout how long to wait for the head of the response
     * @throws java.net.http.HttpTimeoutException when the head did not arrive in time
     */
    Response send(String method, Map<String, String> headers, byte @Nullable [] body, Duration timeout)
            throws IOException;

    /**
     * The head of a response and its body, read as it arrives; closing the body tells the server the client went
     * away.
     *
     * @param status  the HTTP status
     * @param headers the headers, by lower-case name
     * @param body    the body
     */
    record Response(int status, Map<String, List<String>> headers, InputStream body) {

        /** A response whose header names are matched case-insensitively. */
        public static Response of(int status, Map<String, List<String>> headers, InputStream body) {
            Map<String, List<String>> lowerCase = new TreeMap<>();
            headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            return new Response(status, lowerCase, body);
        }

        /** The first value of a header, {@code null} when absent. */
        public @Nullable String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Whether the body is a stream of server-sent events. */
        public boolean isEventStream() {
            String type = header("Content-Type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        }

        /** Reads the whole body and closes it. */
        public byte[] readAll() throws IOException {
            try (InputStream in = body) {
                return in.readAllBytes();
            }
        }
    }
}
