package dev.mcpspring.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients with and without bearer tokens, and readers of bearer challenges. */
abstract class SecurityHttpTestSupport {

    private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    /** A client sending no token. */
    McpTestClient anonymous() {
        return McpTestClient.create(port);
    }

    /** A client sending {@code token} on every request. */
    McpTestClient withToken(String token) {
        return McpTestClient.builder(URI.create("http://localhost:" + port + "/mcp"))
            .header("Authorization", "Bearer " + token)
            .build();
    }

    /** A client of {@code subject} with {@code scopes}, its session initialized. */
    McpTestClient connected(String subject, String... scopes) {
        McpTestClient client = withToken(Tokens.token(subject, scopes));
        McpResponse init = client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        assertThat(init.status()).as("initialize of %s: %s", subject, init).isEqualTo(200);
        return client;
    }

    /** A plain GET of a path of the server. */
    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP request of any method with no body. */
    HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The parameters of a {@code WWW-Authenticate: Bearer ...} header; fails when there is none. */
    static Map<String, String> bearerChallenge(String header) {
        assertThat(header).as("WWW-Authenticate").isNotNull().startsWith("Bearer ");
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(header.substring("Bearer ".length()));
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2).replaceAll("\\\\(.)", "$1"));
        }
        return parameters;
    }

    static Map<String, String> bearerChallenge(McpResponse response) {
        return bearerChallenge(response.header("WWW-Authenticate").orElse(null));
    }
}
