package dev.mcpspring.security;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.config.Customizer.withDefaults;

/**
 * The application's own {@code SecurityFilterChain} wins: here one that lets anonymous requests through and
 * authenticates bearer tokens when they come. The starter still publishes the metadata, a tool's scopes are still
 * checked (as a JSON-RPC error, the request having reached the server), and sessions stay bound to their principal.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { SecuredTestApplication.class, SecuredTestApplication.Tools.class,
        SecuredTestApplication.Decoder.class, UserSecurityFilterChainHttpTests.OpenChain.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "mcp.server.authorization.authorization-servers=" + Tokens.ISSUER })
class UserSecurityFilterChainHttpTests extends SecurityHttpTestSupport {

    @Autowired
    ApplicationContext context;

    @Autowired
    SecuredTools tools;

    @Test
    void theApplicationsChainReplacesTheStartersButTheBuildingBlockRemains() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("openChain");
        assertThat(context.getBeanNamesForType(McpEndpointSecurity.class)).containsExactly("mcpEndpointSecurity");
    }

    @Test
    void aChainThatCoversTheEndpointGivesNoWarning(CapturedOutput output) {
        assertThat(output).doesNotContain("No SecurityFilterChain matches the MCP endpoint");
    }

    @Test
    void theMetadataIsStillPublished() throws Exception {
        HttpResponse<String> response = get("/.well-known/oauth-protected-resource/mcp");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"resource\":\"" + Tokens.RESOURCE + "\"");
    }

    @Test
    void anAnonymousCallOfAScopedToolIsRefusedWithAJsonRpcError() {
        McpTestClient anonymous = anonymous();
        anonymous.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        int runs = tools.scopedRuns.get();

        McpResponse response = anonymous.callTool("reset_board", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.errorCode()).isEqualTo(ErrorCodes.INSUFFICIENT_SCOPE);
        assertThat(response.errorMessage()).isEqualTo("Forbidden: tool 'reset_board' requires the scope tasks:admin;"
                + " the request carries no access token");
        assertThat(response.error().path("data").path("error").asString()).isEqualTo("insufficient_scope");
        assertThat(response.error().path("data").path("missingScopes").toString()).isEqualTo("[\"tasks:admin\"]");
        assertThat(tools.scopedRuns.get()).isEqualTo(runs);
    }

    @Test
    void aTokenWithoutTheScopeIsRefusedWithAJsonRpcErrorAndOneWithItRuns() {
        assertThat(connected("alice", "tasks:read").callTool("reset_board", Map.of()).errorCode())
            .isEqualTo(ErrorCodes.INSUFFICIENT_SCOPE);
        McpResponse allowed = connected("alice", "tasks:admin").callTool("reset_board", Map.of());
        assertThat(allowed.result().path("content").path(0).path("text").asString()).isEqualTo("reset");
    }

    @Test
    void aSessionCreatedByAPrincipalIsRefusedToAnonymousRequestsAndToOtherPrincipals() {
        McpTestClient alice = connected("alice");
        McpTestClient anonymous = anonymous().sessionId(alice.sessionId()).protocolVersion(alice.protocolVersion());
        McpTestClient bob = withToken(Tokens.token("bob")).sessionId(alice.sessionId())
            .protocolVersion(alice.protocolVersion());

        assertThat(anonymous.ping().status()).isEqualTo(404);
        assertThat(anonymous.get().send().status()).isEqualTo(404);
        assertThat(bob.ping().status()).isEqualTo(404);
        assertThat(alice.ping().status()).isEqualTo(200);
    }

    @Test
    void anAnonymousSessionIsRefusedToAnAuthenticatedPrincipal() {
        McpTestClient anonymous = anonymous();
        anonymous.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);
        McpTestClient alice = withToken(Tokens.token("alice")).sessionId(anonymous.sessionId())
            .protocolVersion(anonymous.protocolVersion());

        assertThat(alice.ping().status()).isEqualTo(404);
        assertThat(anonymous.ping().status()).isEqualTo(200);
    }

    @Test
    void anAnonymousToolSeesNoPrincipal() {
        McpTestClient anonymous = anonymous();
        anonymous.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);

        var caller = anonymous.callTool("whoami", Map.of()).result().path("structuredContent");

        assertThat(caller.path("principal").isNull()).isTrue();
        assertThat(caller.path("authentication").isNull()).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class OpenChain {

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
                .csrf(csrf -> csrf.disable());
            return http.build();
        }
    }
}
