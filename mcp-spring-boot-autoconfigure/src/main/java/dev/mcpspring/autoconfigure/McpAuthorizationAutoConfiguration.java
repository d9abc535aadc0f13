package dev.mcpspring.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.StringUtils;

import jakarta.servlet.http.HttpServlet;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.security.AuthenticationScopes;
import dev.mcpspring.security.McpEndpointSecurity;
import dev.mcpspring.security.ProtectedResource;
import dev.mcpspring.security.ProtectedResourceMetadataFilter;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.ToolRegistry;


/**
 * OAuth 2.0 authorization of the MCP endpoint (MCP 2025-11-25 "Authorization"), in three independent parts:
 * <ul>
 * <li><b>Protected Resource Metadata</b> (RFC 9728), served when {@code mcp.server.authorization.resource} is set,
 * by a servlet filter ahead of Spring Security (or without it), so it is public whatever security the application
 * has: {@code mcpProtectedResource} and {@code mcpProtectedResourceMetadataFilter}.</li>
 * <li><b>Granted scopes</b>: with Spring Security on the class path, {@code mcpGrantedScopes} reads a caller's
 * scopes from its {@code Authentication}; the server checks a tool's {@code @McpTool(scopes)} against them.</li>
 * <li><b>The endpoint as a resource server</b>, when Spring Security's OAuth2 resource server is configured (a
 * {@code JwtDecoder} bean, from {@code spring.security.oauth2.resourceserver.jwt.*} or the application's own): the
 * {@code mcpEndpointSecurity} bean, and, unless the application declares a {@code SecurityFilterChain} of its own
 * (then it wins, as with Spring Boot's own security) or sets {@code mcp.server.authorization.enabled=false}, two
 * filter chains that take the place of Spring Boot's default resource server chain: {@code mcpSecurityFilterChain}
 * for the endpoint (bearer challenges, audience check, required scopes, 403 for tools the token lacks scopes for)
 * and {@code mcpDefaultSecurityFilterChain}, which secures every other request as Spring Boot would have
 * (authenticated, JWT), with the same audience check. It then requires {@code mcp.server.authorization.resource},
 * the audience tokens must name.</li>
 * </ul>
 */
@AutoConfiguration(after = { McpServerAutoConfiguration.class, McpServletTransportAutoConfiguration.class },
        afterName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure."
                + "OAuth2ResourceServerAutoConfiguration",
        beforeName = {
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web."
                        + "OAuth2ResourceServerWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet."
                        + "ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
public class McpAuthorizationAutoConfiguration {

    /** Order of {@code mcpSecurityFilterChain}: before the chain for every other request. */
    public static final int ENDPOINT_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** Order of {@code mcpDefaultSecurityFilterChain}: Spring Boot's order for its default chain. */
    public static final int DEFAULT_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 5;

    private static final Log logger = LogFactory.getLog(McpAuthorizationAutoConfiguration.class);

    private static final String RESOURCE_MISSING = "mcp.server.authorization.resource is not set. A JwtDecoder bean "
            + "makes the MCP endpoint an OAuth 2.0 resource server, which must accept only tokens issued for it: set "
            + "mcp.server.authorization.resource to the endpoint's canonical URI (for example "
            + "https://mcp.example.com/mcp), which tokens must name in their audience, or set "
            + "mcp.server.authorization.enabled=false and secure the endpoint with a SecurityFilterChain of your own";

    /** This server as a protected resource, from {@code mcp.server.authorization.*}. */
    static ProtectedResource protectedResource(McpServerProperties properties, Environment environment) {
        McpServerProperties.Authorization authorization = properties.getAuthorization();
        List<String> authorizationServers = authorization.getAuthorizationServers();
        if (authorizationServers.isEmpty()) {
            String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
            authorizationServers = StringUtils.hasText(issuer) ? List.of(issuer) : List.of();
        }
        if (authorizationServers.isEmpty()) {
            logger.warn("The OAuth 2.0 Protected Resource Metadata of the MCP server names no authorization server, "
                    + "so clients cannot find where to get a token: set mcp.server.authorization.authorization-servers"
                    + " (or spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
        return new ProtectedResource(authorization.getResource(), authorizationServers,
                authorization.getScopesSupported(), authorization.getRequiredScopes(), authorization.getAudiences(),
                authorization.getResourceName());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "mcp.server.authorization", name = "resource")
    static class ProtectedResourceConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ProtectedResource mcpProtectedResource(McpServerProperties properties, Environment environment) {
            return protectedResource(properties, environment);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        @ConditionalOnClass(HttpServlet.class)
        static class MetadataFilterConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "mcpProtectedResourceMetadataFilter")
            FilterRegistrationBean<ProtectedResourceMetadataFilter> mcpProtectedResourceMetadataFilter(
                    ProtectedResource resource, JsonRpcCodec codec, McpServerProperties properties,
                    Environment environment) {
                ProtectedResourceMetadataFilter filter = new ProtectedResourceMetadataFilter(resource,
                        List.of(properties.getEndpoint()), codec.mapper());
                FilterRegistrationBean<ProtectedResourceMetadataFilter> registration = new FilterRegistrationBean<>(
                        filter);
                registration.setName("mcpProtectedResourceMetadataFilter");
                registration.setUrlPatterns(
                        List.of(ProtectedResource.WELL_KNOWN_PATH, ProtectedResource.WELL_KNOWN_PATH + "/*"));
                // ahead of Spring Security's filter (spring.security.filter.order, -100 by default): the metadata
                // is public whatever security the application has
                registration.setOrder(
                        environment.getProperty("spring.security.filter.order", Integer.class, -100) - 10);
                registration.setAsyncSupported(true);
                return registration;
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Authentication.class)
    static class GrantedScopesConfiguration {

        @Bean
        @ConditionalOnMissingBean
        GrantedScopes mcpGrantedScopes() {
            return new AuthenticationScopes();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ HttpSecurity.class, SecurityFilterChain.class, JwtDecoder.class,
            BearerTokenAuthenticationToken.class, HttpServlet.class })
    @ConditionalOnBean(JwtDecoder.class)
    static class ResourceServerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "mcp.server.authorization", name = "resource")
        McpEndpointSecurity mcpEndpointSecurity(ProtectedResource resource, JwtDecoder jwtDecoder,
                GrantedScopes grantedScopes, ToolRegistry tools, JsonRpcCodec codec, McpServerProperties properties) {
            return new McpEndpointSecurity(resource, jwtDecoder, grantedScopes, tools, codec,
                    properties.getTransport().getMaxBodySize().toBytes());
        }

        @Bean
        UnsecuredEndpointWarning mcpUnsecuredEndpointWarning(McpServerProperties properties) {
            return new UnsecuredEndpointWarning(properties.getEndpoint());
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        @ConditionalOnBooleanProperty(name = "mcp.server.authorization.enabled", matchIfMissing = true)
        static class FilterChainConfiguration {

            @Bean
            @Order(ENDPOINT_CHAIN_ORDER)
            SecurityFilterChain mcpSecurityFilterChain(HttpSecurity http, ObjectProvider<McpEndpointSecurity> security,
                    McpServerProperties properties) throws Exception {
                McpEndpointSecurity endpoint = security.getIfAvailable();
                if (endpoint == null) {
                    throw new IllegalStateException(RESOURCE_MISSING);
                }
                http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(properties.getEndpoint()));
                endpoint.configure(http);
                return http.build();
            }

            /**
             * What Spring Boot's {@code OAuth2ResourceServerWebSecurityAutoConfiguration} would have defined, but
             * for the audience: this server accepts only tokens issued for it, on every path (its Actuator
             * endpoints, say), as the endpoint does.
             */
            @Bean
            @Order(DEFAULT_CHAIN_ORDER)
            SecurityFilterChain mcpDefaultSecurityFilterChain(HttpSecurity http,
                    ObjectProvider<McpEndpointSecurity> security) throws Exception {
                McpEndpointSecurity endpoint = security.getIfAvailable();
                if (endpoint == null) {
                    throw new IllegalStateException(RESOURCE_MISSING);
                }
                http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
                http.oauth2ResourceServer(
                        resourceServer -> resourceServer.jwt(jwt -> jwt.decoder(endpoint.decoder())));
                return http.build();
            }
        }
    }
}
