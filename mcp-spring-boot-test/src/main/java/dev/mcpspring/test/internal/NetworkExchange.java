package dev.mcpspring.test.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Requests over real HTTP with the JDK's client, to a server listening on a port. */
public final class NetworkExchange implements HttpExchange {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length");

    // HTTP/1.1 as MCP clients speak it: no h2c upgrade attempt on the first POST
    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    private final URI endpoint;

    /** @param endpoint the MCP endpoint, e.g. {@code http://localhost:8080/mcp} */
    public NetworkExchange(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Response send(String method, Map<String, String> headers, byte @Nullable [] body, Duration timeout)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            return Response.of(response.statusCode(), response.headers().map(), response.body());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + method + " " + endpoint);
        }
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
