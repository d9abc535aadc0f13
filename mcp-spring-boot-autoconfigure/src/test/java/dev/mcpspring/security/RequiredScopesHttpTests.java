package dev.mcpspring.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mcp.server.authorization.required-scopes}: every request needs them, a token without them gets 403
 * {@code insufficient_scope}. Handlers here run without context propagation, and still see the caller.
 */
@SpringBootTest(classes = { SecuredTestApplication.class, SecuredTestApplication.Tools.class,
        SecuredTestApplication.Decoder.class }, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "mcp.server.authorization.authorization-servers=" + Tokens.ISSUER,
                "mcp.server.authorization.required-scopes=mcp:access",
                "mcp.server.executor.propagate-context=false", "mcp.server.transport.max-body-size=2KB" })
class RequiredScopesHttpTests extends SecurityHttpTestSupport {

    @Test
    void theChallengeAsksForTheRequiredScopesWhichAreAlsoTheSupportedOnes() throws Exception {
        McpResponse response = anonymous().initialize();

        assertThat(response.status()).isEqualTo(401);
        assertThat(bearerChallenge(response)).containsEntry("scope", "mcp:access");
        JsonNode metadata = anonymous().mapper()
            .readTree(get("/.well-known/oauth-protected-resource/mcp").body());
        assertThat(metadata.path("scopes_supported").toString()).isEqualTo("[\"mcp:access\"]");
    }

    @Test
    void aTokenWithoutTheRequiredScopesGets403InsufficientScope() {
        McpResponse response = withToken(Tokens.token("alice", "tasks:admin")).initialize();

        assertThat(response.status()).isEqualTo(403);
        Map<String, String> challenge = bearerChallenge(response);
        assertThat(challenge).containsEntry("error", "insufficient_scope")
            .containsEntry("scope", "mcp:access tasks:admin")
            .containsEntry("resource_metadata", "https://mcp.example.com/.well-known/oauth-protected-resource/mcp");
        assertThat(response.json().path("error").path("code").asInt()).isEqualTo(ErrorCodes.INSUFFICIENT_SCOPE);
        assertThat(response.json().path("error").path("message").asString()).contains("mcp:access");
    }

    @Test
    void aTokenWithTheRequiredScopesIsServedAndItsToolsSeeTheCallerWithoutPropagation() {
        McpTestClient alice = connected("alice", "mcp:access");

        JsonNode caller = alice.callTool("whoami", Map.of()).result().path("structuredContent");

        assertThat(caller.path("principal").asString()).isEqualTo("alice");
        assertThat(caller.path("authentication").asString()).isEqualTo("alice");
    }

    @Test
    void aToolScopeComesOnTopOfTheRequiredOnes() {
        McpResponse response = connected("alice", "mcp:access").callTool("reset_board", Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertThat(bearerChallenge(response)).containsEntry("scope", "mcp:access tasks:admin");
        assertThat(connected("alice", "mcp:access", "tasks:admin").callTool("reset_board", Map.of()).status())
            .isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitPassesTheScopeCheckUnreadAndGets413() {
        McpTestClient alice = connected("alice", "mcp:access");
        String big = "x".repeat(3000);

        McpResponse response = alice.post(alice.message(alice.nextId(), "tools/call",
                Map.of("name", "reset_board", "arguments", Map.of("padding", big)))).send();
        McpResponse chunked = alice.post("").chunkedBody(alice.mapper().writeValueAsString(alice.message(
                alice.nextId(), "tools/call", Map.of("name", "reset_board", "arguments", Map.of("padding", big)))))
            .send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(chunked.status()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyIsCheckedAndThenReadByTheTransport() {
        McpTestClient alice = connected("alice", "mcp:access");

        McpResponse refused = alice.post("").chunkedBody(alice.mapper().writeValueAsString(
                alice.message(alice.nextId(), "tools/call", Map.of("name", "reset_board", "arguments", Map.of()))))
            .send();
        McpResponse served = alice.post("").chunkedBody(alice.mapper().writeValueAsString(
                alice.message(alice.nextId(), "tools/call", Map.of("name", "whoami", "arguments", Map.of()))))
            .send();

        assertThat(refused.status()).isEqualTo(403);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.result().path("structuredContent").path("principal").asString()).isEqualTo("alice");
    }

    @Test
    void aBodyThatIsNotJsonPassesTheScopeCheckAndGetsTheTransportsAnswer() {
        McpTestClient alice = connected("alice", "mcp:access");

        assertThat(alice.post("{not json").send().status()).isEqualTo(400);
    }
}
