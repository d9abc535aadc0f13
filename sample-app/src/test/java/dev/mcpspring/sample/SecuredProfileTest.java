package dev.mcpspring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code secured} profile: the endpoint is an OAuth 2.0 resource server. The tests mint their tokens with the
 * key the application made at start-up (Nimbus JOSE); there is no authorization server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sample.security.print-demo-token=false")
@ActiveProfiles("secured")
class SecuredProfileTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KeyPair sampleSigningKey;

    @Value("${mcp.server.authorization.resource}")
    String resource;

    @Value("${sample.security.issuer}")
    String issuer;

    @Test
    void theJavaSdkClientWorksWithAToken() {
        McpSyncClient client = sdkClient(token("alice", "mcp:tools"));
        try {
            client.initialize();

            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
                .contains("convert_temperature", "whoami", "delete_task");
            McpSchema.CallToolResult converted = client.callTool(new McpSchema.CallToolRequest("convert_temperature",
                    Map.of("from", Map.of("value", 100, "unit", "CELSIUS"), "to", "FAHRENHEIT")));
            assertThat(converted.structuredContent()).isEqualTo(Map.of("value", 212.0, "unit", "FAHRENHEIT"));
            McpSchema.CallToolResult whoami = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            assertThat(whoami.structuredContent()).isEqualTo(
                    Map.of("name", "alice", "scopes", List.of("mcp:tools")));
        }
        finally {
            client.closeGracefully();
        }
    }

    @Test
    void aScopedToolRunsForATokenWithItsScope() {
        McpSyncClient client = sdkClient(token("alice", "mcp:tools", "tasks:admin"));
        try {
            client.initialize();
            McpSchema.CallToolResult added = client.callTool(new McpSchema.CallToolRequest("add_task",
                    Map.of("title", "Delete me")));
            Object id = ((Map<?, ?>) added.structuredContent()).get("id");

            McpSchema.CallToolResult deleted = client.callTool(new McpSchema.CallToolRequest("delete_task",
                    Map.of("id", id)));

            assertThat(deleted.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(((Map<?, ?>) deleted.structuredContent()).get("title")).isEqualTo("Delete me");
        }
        finally {
            client.closeGracefully();
        }
    }

    @Test
    void aRequestWithoutATokenGets401PointingAtTheMetadata() throws Exception {
        HttpResponse<String> response = post(null, null, initialize());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer resource_metadata=\""
                + metadataUrl() + "\", scope=\"mcp:tools\"");
    }

    @Test
    void aBadSignatureAnExpiredTokenAndAnotherAudienceGet401() throws Exception {
        KeyPair otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Instant now = Instant.now();
        List<String> rejected = List.of(mint(otherKey, "alice", resource, now.plusSeconds(300), "mcp:tools"),
                mint(sampleSigningKey, "alice", resource, now.minusSeconds(300), "mcp:tools"),
                mint(sampleSigningKey, "alice", "http://localhost:9999/mcp", now.plusSeconds(300), "mcp:tools"));

        for (String token : rejected) {
            HttpResponse<String> response = post(token, null, initialize());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer error=\"invalid_token\"")
                .contains("resource_metadata=\"" + metadataUrl() + "\"");
        }
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403() throws Exception {
        HttpResponse<String> response = post(token("alice", "tasks:admin"), null, initialize());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
            .contains("error=\"insufficient_scope\"", "scope=\"mcp:tools tasks:admin\"");
    }

    @Test
    void aToolWhoseScopeTheTokenLacksGets403InsufficientScope() throws Exception {
        String token = token("alice", "mcp:tools");
        String session = session(token);

        HttpResponse<String> response = post(token, session, Map.of("jsonrpc", "2.0", "id", 2, "method",
                "tools/call", "params", Map.of("name", "delete_task", "arguments", Map.of("id", 1))));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
            .contains("error=\"insufficient_scope\"", "scope=\"mcp:tools tasks:admin\"",
                    "resource_metadata=\"" + metadataUrl() + "\"");
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(-32003);
        assertThat(error.path("message").asString()).contains("delete_task", "tasks:admin");
    }

    @Test
    void theMetadataDescribesTheResource() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/.well-known/oauth-protected-resource/mcp")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata.path("resource").asString()).isEqualTo(resource);
        assertThat(metadata.path("authorization_servers").toString()).isEqualTo("[\"" + issuer + "\"]");
        assertThat(metadata.path("scopes_supported").toString()).isEqualTo("[\"mcp:tools\",\"tasks:admin\"]");
        assertThat(metadata.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(metadata.path("resource_name").asString()).isEqualTo("Sample MCP server");
    }

    @Test
    void aSessionCreatedByAliceIsRefusedToBob() throws Exception {
        String alice = token("alice", "mcp:tools");
        String session = session(alice);
        Map<String, Object> ping = Map.of("jsonrpc", "2.0", "id", 3, "method", "ping");

        assertThat(post(token("bob", "mcp:tools"), session, ping).statusCode()).isEqualTo(404);
        assertThat(post(alice, session, ping).statusCode()).isEqualTo(200);
    }

    private McpSyncClient sdkClient(String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
            .builder("http://localhost:" + port)
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
        return McpClient.sync(transport)
            .clientInfo(new McpSchema.Implementation("secured-sample-test", "1.0.0"))
            .requestTimeout(Duration.ofSeconds(20))
            .build();
    }

    private String token(String subject, String... scopes) {
        return mint(sampleSigningKey, subject, resource, Instant.now().plusSeconds(300), scopes);
    }

    private String mint(KeyPair key, String subject, String audience, Instant expiry, String... scopes) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(expiry.minusSeconds(600)))
                .expirationTime(Date.from(expiry))
                .claim("scope", String.join(" ", scopes))
                .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String metadataUrl() {
        URI uri = URI.create(resource);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/.well-known/oauth-protected-resource"
                + uri.getRawPath();
    }

    private String session(String token) throws Exception {
        HttpResponse<String> response = post(token, null, initialize());
        assertThat(response.statusCode()).isEqualTo(200);
        String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        assertThat(post(token, session, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"))
            .statusCode()).isEqualTo(202);
        return session;
    }

    private static Map<String, Object> initialize() {
        return Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params",
                Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(), "clientInfo",
                        Map.of("name", "secured-sample-test", "version", "1.0.0")));
    }

    private HttpResponse<String> post(String token, String session, Map<String, Object> message) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(message)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
