package dev.mcpspring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.ToolRegistry;

/**
 * Makes a Spring Security filter chain an OAuth 2.0 resource server for the MCP endpoint, as MCP 2025-11-25
 * "Authorization" asks:
 * <ul>
 * <li>every request needs a valid JWT bearer token issued for this server ({@link McpAudienceValidator}) that holds
 * {@code mcp.server.authorization.required-scopes};</li>
 * <li>a missing or invalid token gets 401 with {@code WWW-Authenticate: Bearer resource_metadata="...", scope="..."}
 * ({@link McpAuthenticationEntryPoint}); a token sent in more than one place, or in the query string, gets 400
 * {@code invalid_request} ({@link McpBearerTokenResolver});</li>
 * <li>a token without a required scope, or a {@code tools/call} of a tool whose scopes the token lacks
 * ({@link ToolScopeFilter}), gets 403 {@code insufficient_scope} ({@link McpAccessDeniedHandler});</li>
 * <li>no HTTP session, no CSRF token (the endpoint takes no cookies), no saved requests.</li>
 * </ul>
 * The starter's {@code mcpSecurityFilterChain} uses it. An application that declares its own
 * {@code SecurityFilterChain} (and with it replaces the starter's) can give its MCP chain the same behaviour with
 * the {@code mcpEndpointSecurity} bean:
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;Order(1)
 * SecurityFilterChain mcp(HttpSecurity http, McpEndpointSecurity mcp) {
 *     http.securityMatcher("/mcp");
 *     mcp.configure(http);
 *     return http.build();
 * }
 * </pre>
 */
public class McpEndpointSecurity {

    private final ProtectedResource resource;

    private final JwtDecoder decoder;

    private final GrantedScopes grantedScopes;

    private final ToolRegistry tools;

    private final JsonRpcCodec codec;

    private final long maxBodyBytes;

    /**
     * @param resource      this server as a protected resource
     * @param decoder       the application's JWT decoder; tokens it accepts must also name this resource as audience
     * @param grantedScopes reads the scopes of a caller
     * @param tools         the tools, with their required scopes
     * @param codec         the JSON-RPC codec, for bodies
     * @param maxBodyBytes  the transport's body limit
     */
    public McpEndpointSecurity(ProtectedResource resource, JwtDecoder decoder, GrantedScopes grantedScopes,
            ToolRegistry tools, JsonRpcCodec codec, long maxBodyBytes) {
        this.resource = resource;
        this.decoder = new McpAudienceValidator(resource).decorate(decoder);
        this.grantedScopes = grantedScopes;
        this.tools = tools;
        this.codec = codec;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** This server as a protected resource. */
    public ProtectedResource resource() {
        return resource;
    }

    /** The application's JWT decoder, accepting only tokens whose audience names this resource. */
    public JwtDecoder decoder() {
        return decoder;
    }

    /**
     * Configures {@code http} (whose request matcher the caller chooses) as described above.
     *
     * @return {@code http}
     */
    public HttpSecurity configure(HttpSecurity http) {
        McpAuthenticationEntryPoint entryPoint = new McpAuthenticationEntryPoint(resource, codec);
        McpAccessDeniedHandler accessDeniedHandler = new McpAccessDeniedHandler(resource, grantedScopes, codec, tools);
        http.authorizeHttpRequests(requests -> requests.anyRequest()
            .access(new RequiredScopesAuthorizationManager(resource.requiredScopes(), grantedScopes)))
            .oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(decoder))
                .bearerTokenResolver(new McpBearerTokenResolver())
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(accessDeniedHandler))
            .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(accessDeniedHandler))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .addFilterAfter(new ToolScopeFilter(tools, grantedScopes, codec, maxBodyBytes), AuthorizationFilter.class);
        return http;
    }
}
