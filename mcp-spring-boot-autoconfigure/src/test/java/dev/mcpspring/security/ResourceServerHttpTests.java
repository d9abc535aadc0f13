package dev.mcpspring.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP endpoint as an OAuth 2.0 resource server, secured by the starter because the application has a
 * {@code JwtDecoder} and no {@code SecurityFilterChain} of its own: tokens, challenges, audience, scopes, sessions.
 */
@SpringBootTest(classes = { SecuredTestApplication.class, SecuredTestApplication.Tools.class,
        SecuredTestApplication.Decoder.class }, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.authorization.resource=" + Tokens.RESOURCE,
                "mcp.server.authorization.authorization-servers=" + Tokens.ISSUER,
                "mcp.server.authorization.scopes-supported=mcp:tools,tasks:read",
                "mcp.server.authorization.resource-name=Test MCP server" })
class ResourceServerHttpTests extends SecurityHttpTestSupport {

    static final String METADATA_URL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

    @Autowired
    ApplicationContext context;

    @Autowired
    SecuredTools tools;

    @Test
    void theStarterDefinesTheEndpointChainAndTheDefaultChainInsteadOfSpringBoots() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("mcpSecurityFilterChain",
                "mcpDefaultSecurityFilterChain");
    }

    @Test
    void aRequestWithoutATokenGets401WithTheMetadataUrlAndTheScopes() {
        McpResponse response = anonymous().initialize();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValue(
                "Bearer resource_metadata=\"" + METADATA_URL + "\", scope=\"mcp:tools tasks:read\"");
    }

    @Test
    void a401HasAJsonRpcErrorBodySayingWhatIsWrong() {
        McpResponse missing = anonymous().initialize();
        McpResponse expired = withToken(Tokens.builder("alice").expiredSince(Duration.ofMinutes(10)).mint())
            .initialize();

        assertThat(missing.json().path("id").isNull()).isTrue();
        assertThat(missing.errorCode()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(missing.errorMessage()).startsWith("Unauthorized: ").contains("Authorization: Bearer", METADATA_URL);
        assertThat(expired.errorCode()).isEqualTo(ErrorCodes.INVALID_REQUEST);
        assertThat(expired.errorMessage()).startsWith("Unauthorized: ").containsIgnoringCase("expired");
        assertThat(expired.error().path("data").path("error").asString()).isEqualTo("invalid_token");
    }

    @Test
    void aForeignOriginGets403BeforeAnyTokenIsAskedFor() throws Exception {
        HttpResponse<String> response = send("POST", "/mcp", "Origin", "http://evil.example", "Content-Type",
                "application/json", "Accept", "application/json, text/event-stream");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(response.body()).contains("Origin check failed");
    }

    @Test
    void aBrowsersPreflightRequestIsAnsweredWithoutATokenAndItsScriptCanReadThe401() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/mcp", "Origin", "http://localhost:6274",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
            .hasValue("authorization, content-type");

        HttpResponse<String> unauthorized = send("POST", "/mcp", "Origin", "http://localhost:6274", "Content-Type",
                "application/json", "Accept", "application/json, text/event-stream");

        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:6274");
        assertThat(unauthorized.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
            .contains("WWW-Authenticate");
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate").orElseThrow()).contains(METADATA_URL);
    }

    @Test
    void everyMethodOfTheEndpointNeedsAToken() throws Exception {
        McpTestClient alice = connected("alice");
        McpTestClient stolen = anonymous().sessionId(alice.sessionId()).protocolVersion(alice.protocolVersion());

        assertThat(stolen.ping().status()).isEqualTo(401);
        assertThat(stolen.get().send().status()).isEqualTo(401);
        assertThat(stolen.deleteSession().status()).isEqualTo(401);
        assertThat(send("PUT", "/mcp").statusCode()).isEqualTo(401);
        assertThat(alice.ping().status()).isEqualTo(200);
    }

    @Test
    void aValidTokenReachesTheToolsWhichSeeTheCaller() {
        McpTestClient alice = connected("alice", "mcp:tools");

        JsonNode result = alice.callTool("whoami", Map.of()).result();

        assertThat(result.path("isError").asBoolean(false)).isFalse();
        JsonNode caller = result.path("structuredContent");
        assertThat(caller.path("principal").asString()).isEqualTo("alice");
        assertThat(caller.path("principalType").asString()).isEqualTo("JwtAuthenticationToken");
        assertThat(caller.path("authentication").asString()).isEqualTo("alice");
        assertThat(caller.path("authorities").toString()).contains("SCOPE_mcp:tools");
    }

    @Test
    void aTokenThatNamesNoOneIsRefusedSinceItsSessionsCouldNotBeToldApartFromAnothers() {
        String nameless = Tokens.builder(null).claim("client_id", "c1").scopes("mcp:tools").mint();

        McpResponse response = withToken(nameless).initialize();

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.errorMessage()).contains("authenticated without a name")
            .contains("spring.security.oauth2.resourceserver.jwt.principal-claim-name");
    }

    @Test
    void anExpiredTokenGets401InvalidToken() {
        String expired = Tokens.builder("alice").expiredSince(Duration.ofMinutes(10)).mint();

        Map<String, String> challenge = assertUnauthorized(withToken(expired).initialize());

        assertThat(challenge).containsEntry("error", "invalid_token");
        assertThat(challenge.get("error_description")).containsIgnoringCase("expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyGets401InvalidToken() {
        String forged = Tokens.builder("alice").signedWith(Tokens.OTHER_KEYS).mint();

        assertThat(assertUnauthorized(withToken(forged).initialize())).containsEntry("error", "invalid_token");
    }

    @Test
    void aTokenIssuedForAnotherResourceGets401() {
        String elsewhere = Tokens.builder("alice").audience("https://other.example.com/mcp").mint();

        Map<String, String> challenge = assertUnauthorized(withToken(elsewhere).initialize());

        assertThat(challenge).containsEntry("error", "invalid_token");
        assertThat(challenge.get("error_description")).contains("audience");
    }

    @Test
    void aTokenWithoutAudienceGets401() {
        String noAudience = Tokens.builder("alice").audience().mint();

        assertThat(assertUnauthorized(withToken(noAudience).initialize())).containsEntry("error", "invalid_token");
    }

    @Test
    void theAudienceIsComparedAsACanonicalUri() {
        String token = Tokens.builder("alice").audience("https://other.example.com", "HTTPS://MCP.Example.com/mcp/")
            .mint();

        assertThat(withToken(token).initialize().status()).isEqualTo(200);
    }

    @Test
    void aMalformedTokenGets401() {
        assertThat(assertUnauthorized(withToken("not-a-jwt").initialize())).containsEntry("error", "invalid_token");
    }

    @Test
    void aTokenSentInMoreThanOnePlaceGets400InvalidRequest() throws Exception {
        String token = Tokens.builder("alice").mint();
        HttpResponse<String> twoHeaders = send("POST", "/mcp", "Authorization", "Bearer " + token, "Authorization",
                "Bearer " + Tokens.builder("bob").mint(), "Content-Type", "application/json");
        HttpResponse<String> inTheQuery = send("POST", "/mcp?access_token=" + token, "Authorization",
                "Bearer " + token, "Content-Type", "application/json");

        for (HttpResponse<String> response : List.of(twoHeaders, inTheQuery)) {
            assertThat(response.statusCode()).as("%s", response.uri()).isEqualTo(400);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .contains("error=\"invalid_request\"");
        }
        assertThat(twoHeaders.headers().firstValue("WWW-Authenticate")).get().asString()
            .contains("more than one Authorization header");
        assertThat(inTheQuery.headers().firstValue("WWW-Authenticate")).get().asString()
            .contains("URI query string");
    }

    @Test
    void aToolWhoseScopeTheTokenLacksGets403InsufficientScopeAndDoesNotRun() {
        McpTestClient alice = connected("alice", "mcp:tools");
        int runs = tools.scopedRuns.get();

        McpResponse response = alice.callTool("reset_board", Map.of());

        assertThat(response.status()).isEqualTo(403);
        Map<String, String> challenge = bearerChallenge(response);
        assertThat(challenge).containsEntry("error", "insufficient_scope")
            .containsEntry("scope", "mcp:tools tasks:admin")
            .containsEntry("resource_metadata", METADATA_URL);
        assertThat(challenge.get("error_description")).contains("reset_board", "tasks:admin");
        JsonNode error = response.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.INSUFFICIENT_SCOPE);
        assertThat(error.path("data").path("missingScopes").toString()).isEqualTo("[\"tasks:admin\"]");
        assertThat(response.json().path("id").isNumber()).isTrue();
        assertThat(tools.scopedRuns.get()).isEqualTo(runs);
    }

    @Test
    void theChallengeNamesOnlyTheScopesThisServerUsesOfThoseTheTokenHas() {
        McpResponse response = connected("alice", "openid", "offline_access", "mcp:tools", "tasks:read", "profile")
            .callTool("reset_board", Map.of());

        assertThat(response.status()).isEqualTo(403);
        assertThat(bearerChallenge(response)).containsEntry("scope", "mcp:tools tasks:read tasks:admin");
    }

    @Test
    void aToolNeedsEveryScopeItDeclares() {
        McpResponse partial = connected("alice", "tasks:write").callTool("publish", Map.of());
        assertThat(partial.status()).isEqualTo(403);
        assertThat(bearerChallenge(partial)).containsEntry("scope", "tasks:write tasks:publish");
        assertThat(partial.json().path("error").path("data").path("missingScopes").toString())
            .isEqualTo("[\"tasks:publish\"]");

        McpResponse complete = connected("alice", "tasks:write", "tasks:publish").callTool("publish", Map.of());
        assertThat(complete.status()).isEqualTo(200);
        assertThat(complete.result().path("content").path(0).path("text").asString()).isEqualTo("published");
    }

    @Test
    void aToolRunsForATokenWithItsScope() {
        McpResponse response = connected("alice", "tasks:admin").callTool("reset_board", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result().path("content").path(0).path("text").asString()).isEqualTo("reset");
    }

    @Test
    void aToolSpecificationBeanMayRequireScopesToo() {
        assertThat(connected("alice").callTool("report", Map.of()).status()).isEqualTo(403);
        assertThat(connected("alice", "reports:read").callTool("report", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theScopeClaimMayBeScpAsAList() {
        String token = Tokens.builder("alice").claim("scp", List.of("tasks:admin")).mint();
        McpTestClient client = withToken(token);
        client.connect(McpTestClient.DEFAULT_PROTOCOL_VERSION);

        assertThat(client.callTool("reset_board", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aBatchWithACallOfAToolWhoseScopeTheTokenLacksGets403() {
        McpTestClient alice = withToken(Tokens.token("alice", "mcp:tools"));
        alice.connect("2025-03-26");
        int runs = tools.scopedRuns.get();
        var batch = alice.mapper().createArrayNode()
            .add(alice.message(alice.nextId(), "tools/call", Map.of("name", "whoami", "arguments", Map.of())))
            .add(alice.message(alice.nextId(), "tools/call", Map.of("name", "reset_board", "arguments", Map.of())));

        McpResponse response = alice.post(batch).send();

        assertThat(response.status()).isEqualTo(403);
        assertThat(bearerChallenge(response)).containsEntry("error", "insufficient_scope");
        assertThat(response.json().path("id").isNull()).isTrue();
        assertThat(tools.scopedRuns.get()).isEqualTo(runs);
    }

    @Test
    void everyToolIsListedWhateverTheScopes() {
        JsonNode tools = connected("alice").listTools(null).result().path("tools");

        assertThat(tools.findValuesAsString("name")).contains("whoami", "reset_board", "publish", "report");
    }

    @Test
    void aSessionIsRefusedToAnotherPrincipal() {
        McpTestClient alice = connected("alice", "mcp:tools");
        McpTestClient bob = withToken(Tokens.token("bob", "mcp:tools")).sessionId(alice.sessionId())
            .protocolVersion(alice.protocolVersion());

        assertThat(bob.ping().status()).isEqualTo(404);
        assertThat(bob.callTool("whoami", Map.of()).status()).isEqualTo(404);
        assertThat(bob.get().send().status()).isEqualTo(404);
        assertThat(bob.deleteSession().status()).isEqualTo(404);
        assertThat(alice.callTool("whoami", Map.of()).result().path("structuredContent").path("principal").asString())
            .isEqualTo("alice");
    }

    @Test
    void aSessionOutlivesItsTokenForTheSamePrincipal() {
        McpTestClient first = connected("alice");
        McpTestClient renewed = withToken(Tokens.token("alice", "tasks:admin")).sessionId(first.sessionId())
            .protocolVersion(first.protocolVersion());

        assertThat(renewed.callTool("reset_board", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theMetadataIsPublicAtTheResourcePathAndAtTheRoot() throws Exception {
        for (String path : List.of("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            JsonNode metadata = anonymous().mapper().readTree(response.body());
            assertThat(metadata.path("resource").asString()).isEqualTo(Tokens.RESOURCE);
            assertThat(metadata.path("authorization_servers").toString()).isEqualTo("[\"" + Tokens.ISSUER + "\"]");
            assertThat(metadata.path("scopes_supported").toString()).isEqualTo("[\"mcp:tools\",\"tasks:read\"]");
            assertThat(metadata.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
            assertThat(metadata.path("resource_name").asString()).isEqualTo("Test MCP server");
        }
    }

    @Test
    void browsersMayReadTheMetadataFromAnyOrigin() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/.well-known/oauth-protected-resource/mcp", "Origin",
                "http://localhost:6274", "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers",
                "mcp-protocol-version");

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("mcp-protocol-version");
    }

    @Test
    void everyOtherRequestNeedsATokenAsSpringBootWouldHaveIt() throws Exception {
        assertThat(get("/anything").statusCode()).isEqualTo(401);
        assertThat(get("/anything", "Authorization", "Bearer " + Tokens.token("alice")).statusCode()).isEqualTo(404);
        String elsewhere = Tokens.builder("alice").audience("https://other.example.com/api").mint();
        assertThat(get("/anything", "Authorization", "Bearer " + elsewhere).statusCode())
            .as("a token issued for another resource, on any path of this one").isEqualTo(401);
    }

    @Test
    void streamsWorkBehindTheSecurityChain() {
        McpTestClient alice = connected("alice");

        McpResponse list = alice.post(alice.message(alice.nextId(), "tools/list", Map.of()))
            .header("Accept", "text/event-stream").send();

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.responses()).hasSize(1);
    }

    private static Map<String, String> assertUnauthorized(McpResponse response) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(401);
        Map<String, String> challenge = bearerChallenge(response);
        assertThat(challenge).containsEntry("resource_metadata", METADATA_URL)
            .containsEntry("scope", "mcp:tools tasks:read");
        return challenge;
    }
}
